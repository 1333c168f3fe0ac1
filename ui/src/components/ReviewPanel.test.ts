import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.svelte';
import { installMockBackend, MockBackend, uninstallMockBackend } from '../ipc/mock/install';
import { FLAGGED_BEFORE, RECLEANED } from '../ipc/mock/review';

// The mock answers the review commands with what the engine answered after importing
// google_contacts.csv and a Belgian customer's French mobile (see ipc/mock/review.ts).
let backend: MockBackend;

beforeEach(() => {
  backend = installMockBackend(new MockBackend({ chosen: true }));
});

afterEach(() => {
  uninstallMockBackend();
  window.location.hash = '';
});

describe('the review panel', () => {
  it('lists the kept values by field, each record a link that opens it', async () => {
    window.location.hash = '#/review/contact';
    render(App);

    expect(await screen.findByTestId('review-total')).toHaveTextContent('4 values in 4 contacts');
    const phones = screen.getByTestId('review-group-contact.phone');
    const emails = screen.getByTestId('review-group-contact.email');
    expect(phones, 'three phones did not read: grouped under the field label').toHaveTextContent(
      'Phone · 3',
    );
    expect(emails, 'one cell held two emails').toHaveTextContent('Email · 1');
    expect(
      within(phones)
        .getAllByTestId('review-item')
        .map((row) => row.textContent),
      'each row: the title, the text exactly as written, its column, and the reason, oldest first',
    ).toEqual([
      expect.stringContaining(
        "Bob Smith+1 555 010 2000 column Phone 1 - Value'+1 555 010 2000' is not a valid phone",
      ),
      expect.stringContaining(
        'Oliver Brown+44 7400 123123 ::: +44 20 7946 0958 column Phone 1 - Value',
      ),
      expect.stringContaining(
        "Marie Dupont06 12 34 56 78 column Phone'06 12 34 56 78' is not a valid phone",
      ),
    ]);
    const marie = FLAGGED_BEFORE.items.find((item) => item.title === 'Marie Dupont');
    expect(
      screen.getByTestId(`review-open-${marie?.record_id}`),
      'clicking a record opens it',
    ).toHaveAttribute('href', `#/contact/${marie?.record_id}`);
    expect(
      backend.calls.find((call) => call.command === 'review_list')?.args,
      'only the kind of the address is asked for',
    ).toEqual({ kind: 'contact', limit: 500 });
  });

  it('re-cleans with a country and a date order, then says what cleaned and what is left', async () => {
    window.location.hash = '#/review/contact';
    render(App);
    await screen.findByTestId('review-total');

    await fireEvent.input(screen.getByTestId('review-country'), { target: { value: 'fr ' } });
    await fireEvent.change(screen.getByTestId('review-date-order'), { target: { value: 'dmy' } });
    await fireEvent.click(screen.getByTestId('review-reclean'));

    const result = await screen.findByTestId('review-result');
    expect(
      backend.calls.find((call) => call.command === 'review_reclean')?.args,
      'the country goes to the engine as an ISO code, the date order as chosen',
    ).toEqual({ kind: 'contact', options: { default_country: 'FR', date_order: 'dmy' } });
    expect(
      screen.getByTestId('review-cleaned-count'),
      "the engine's cleaned list, counted",
    ).toHaveTextContent(String(RECLEANED.cleaned.length));
    expect(screen.getByTestId('review-still-count'), "the engine's `still`").toHaveTextContent(
      String(RECLEANED.still),
    );
    expect(
      result,
      'each cleaned value: record, field, as written → as written now',
    ).toHaveTextContent('Marie Dupont Phone 06 12 34 56 78 +33612345678');
    await waitFor(() =>
      expect(
        screen.getByTestId('review-total'),
        'the list is read again: the cleaned value left it',
      ).toHaveTextContent('3 values in 3 contacts'),
    );
  });

  it('says when there is nothing to review, and re-clean has nothing to do', async () => {
    window.location.hash = '#/review/company';
    render(App);
    expect(await screen.findByText('Nothing to review')).toBeInTheDocument();
    expect(
      screen.getByTestId('review-reclean'),
      'nothing kept, nothing to re-clean',
    ).toBeDisabled();
  });
});

describe('the needs-review filter of a list', () => {
  it('shows how many records have values to review, and filters the list to them', async () => {
    window.location.hash = '#/contact';
    render(App);
    const toggle = await screen.findByTestId('review-filter');
    expect(screen.getByTestId('review-count'), "the engine's count of records").toHaveTextContent(
      String(FLAGGED_BEFORE.records),
    );
    expect(toggle).toHaveAttribute('aria-pressed', 'false');

    await fireEvent.click(toggle);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await waitFor(() =>
      expect(
        backend.calls.filter((call) => call.command === 'record_list').at(-1)?.args,
        'the list asks the engine for review=yes',
      ).toMatchObject({ kind: 'contact', query: { filters: { review: 'yes' } } }),
    );
    expect(window.location.hash, 'the filter is in the address').toBe('#/contact?review=yes');
    expect(await screen.findByTestId('list-filter-review')).toHaveTextContent('Needs review');
    expect(
      screen.getByTestId('review-open'),
      'the filtered list leads to the review panel of its kind',
    ).toHaveAttribute('href', '#/review/contact');
  });
});
