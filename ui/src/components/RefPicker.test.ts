// The picker of a reference field, in Chinese: its words around the kind it picks read as
// one Chinese phrase (they once read "Search 公司…").
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../lib/i18n/index.svelte';
import RefPicker from './RefPicker.svelte';

afterEach(() => i18n.set('en'));

describe('the reference picker', () => {
  it('asks for the kind it picks in the window’s language', () => {
    render(RefPicker, {
      id: 'company',
      kind: 'company',
      kindLabel: 'Company',
      value: 'c1',
      label: 'Acme',
      testid: 'picker',
    });
    expect(screen.getByTestId('picker')).toHaveAttribute('placeholder', 'Search company…');
    expect(screen.getByTestId('picker-clear')).toHaveAttribute('aria-label', 'Clear company');
  });

  it('says it in one Chinese phrase in Chinese', () => {
    i18n.set('zh');
    render(RefPicker, {
      id: 'company',
      kind: 'company',
      kindLabel: '公司',
      value: 'c1',
      label: '星辰科技',
      testid: 'picker',
    });
    expect(screen.getByTestId('picker')).toHaveAttribute('placeholder', '搜索公司…');
    expect(screen.getByTestId('picker-clear')).toHaveAttribute('aria-label', '清除公司');
  });
});
