// The first screens: the welcome of a first start and the overview of a workspace (the
// demo's record counts, and an empty one's first steps), in Chinese.
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KindSchema, WorkspaceInfo } from '../ipc/api';
import { recordedAnswer } from '../ipc/mock/fixtures';
import { i18n } from '../lib/i18n/index.svelte';
import { localizeSchemas } from '../lib/i18n/schema';
import Home from './Home.svelte';
import Welcome from './Welcome.svelte';

afterEach(() => i18n.set('en'));

describe('the first screens in Chinese', () => {
  it('welcomes a first start in Chinese', () => {
    i18n.set('zh');
    render(Welcome, { onchoose: vi.fn() });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('欢迎使用 Kith');
    expect(screen.getByTestId('welcome-demo')).toHaveTextContent('打开演示工作区');
    expect(screen.getByTestId('welcome-empty')).toHaveTextContent('从空白开始');
    for (const english of ['Welcome', 'demo workspace', 'Start empty', 'customers']) {
      expect(document.body.textContent, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });

  it('gives an empty workspace its first steps in Chinese', () => {
    i18n.set('zh');
    const schemas = localizeSchemas(recordedAnswer<KindSchema[]>('schema', {}, 'empty'), 'zh');
    const info = recordedAnswer<WorkspaceInfo>('workspace_info', {}, 'empty');
    render(Home, { schemas, info });
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('概览');
    const start = screen.getByTestId('home-empty');
    expect(start).toHaveTextContent('您的工作区还是空的');
    expect(start).toHaveTextContent('新建联系人');
    expect(start).toHaveTextContent('新建公司');
    expect(screen.getByTestId('home-import')).toHaveTextContent('导入电子表格…');
    expect(screen.getByTestId('tile-contact')).toHaveTextContent('联系人');
    for (const english of ['Overview', 'Workspace', 'New contact', 'Import', 'Contacts']) {
      expect(document.body.textContent, `"${english}" is said in Chinese`).not.toContain(english);
    }
  });
});
