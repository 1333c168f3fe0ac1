//! The saved views the sidebar lists: read once, and again after one is saved or deleted.
import {
  viewDelete,
  viewList,
  viewSave,
  type Kind,
  type ListQuery,
  type SavedView,
} from '../ipc/api';

class Views {
  list: SavedView[] = $state([]);

  /** Reads the saved views (a failure leaves the list as it was: the sidebar is not the place). */
  async load(): Promise<void> {
    try {
      this.list = await viewList();
    } catch {
      // The views stay as they were.
    }
  }

  /** Saves a list as a view; refusals reach the caller. */
  async save(kind: Kind, name: string, query: ListQuery): Promise<SavedView> {
    const view = await viewSave(kind, name, query);
    await this.load();
    return view;
  }

  async remove(id: string): Promise<void> {
    await viewDelete(id);
    await this.load();
  }
}

export const views = new Views();
