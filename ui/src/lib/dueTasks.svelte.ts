//! While the app is open: how many tasks are overdue or due today (the sidebar's count beside
//! Today), and a reminder when a task's due time comes: in the window and as a notification
//! of the desktop's, so it is seen while the window is hidden. Asks the engine once a minute
//! and after every write of an activity; a failed ask keeps the last count.
import { onRecordWritten, today, type EntityRecord } from '../ipc/api';
import { notifyDesktop } from '../ipc/transport';
import { t } from './i18n/index.svelte';
import { fallingDue } from './tasks';
import { toasts } from './toast.svelte';

/** How often the clock is checked for tasks falling due (ms). */
const EVERY = 60_000;

class DueTasks {
  /** Tasks overdue or due today. */
  count = $state(0);
  /** The day and minute of the last look: tasks due after it and by now are reminded of. */
  private last: { day: string; time: string } | null = null;
  /** Shows a desktop notification (tests replace it). */
  notify: (title: string, body: string) => Promise<boolean> = notifyDesktop;

  /** Starts watching once `ready` settles (at once without it); returns the function that stops it. */
  start(ready?: Promise<void>): () => void {
    let stopped = false;
    const first = () => {
      if (!stopped) void this.check();
    };
    if (ready) ready.then(first, first);
    else first();
    const timer = setInterval(() => void this.check(), EVERY);
    const stop = onRecordWritten((kind) => {
      if (kind === 'activity') void this.check();
    });
    return () => {
      stopped = true;
      clearInterval(timer);
      stop();
    };
  }

  async check(): Promise<void> {
    let day;
    try {
      day = await today();
    } catch {
      return;
    }
    this.count = day.overdue_total + day.due_today_total;
    const last = this.last;
    this.last = { day: day.day, time: day.time };
    // The first look reminds of nothing: what was already due is in the count.
    if (!last || last.day !== day.day) return;
    for (const task of fallingDue(day.due_today, day.day, last.time, day.time)) {
      toasts.show('info', t('today.dueNow', { title: task.title }), 10_000);
      void this.notify(t('reminder.title'), reminderBody(task));
    }
  }
}

/** A reminder's words: the task, its time, and whom it is about. */
function reminderBody(task: EntityRecord): string {
  const time = typeof task.values.due_time === 'string' ? task.values.due_time : '';
  const who = task.refs.contact_id ?? task.refs.company_id;
  return t(who ? 'reminder.bodyWith' : 'reminder.body', {
    title: task.title,
    time,
    who: who ?? '',
  });
}

export const dueTasks = new DueTasks();
