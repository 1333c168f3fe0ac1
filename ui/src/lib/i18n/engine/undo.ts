//! What an import's undo left as it is, and why, in Chinese (`UndoReason`,
//! src/store/batch.rs). Fields and kinds are named by their Chinese labels.
import type { UndoReason } from '../../../ipc/api';
import type { ZhCatalog } from '../said';
import { ZH_SCHEMA } from '../schema';

/** A field of a kind by its Chinese label (a custom field by its own name). */
function zhField(said: Extract<UndoReason, { code: 'field_changed_later' }>): string {
  const { kind, field } = said;
  if (field === 'tags') return '标签';
  if (field.startsWith('custom.')) return `“${field.slice('custom.'.length)}”`;
  return ZH_SCHEMA[kind]?.fields[field] ?? field;
}

export const ZH_UNDO_REASONS: ZhCatalog<UndoReason> = {
  field_changed_later: (said) => `${zhField(said)}在导入之后被修改过，保留较新的值`,
  deleted_later: () => '在导入之后被删除，保持删除状态',
  edited_later: () => '在导入之后被编辑过，连同编辑一并保留',
  referred_to_later: ({ kind, title }) =>
    `被导入之后添加的${ZH_SCHEMA[kind]?.label ?? kind}“${title}”引用，因此保留`,
};
