// HOW TO ADD A PAGE (one line): append an entry to `nav` below.
//   { path: '/recalls', page: () => import('../pages/recalls/recalls-page.js'), label: 'recalls:menu', icon: <AlertOutlined />, minRole: 'supervisor' },
// - `page` lazily imports a module whose DEFAULT export is the page component (code-split per page).
// - `label` is an i18n key "<namespace>:<key>"; register the namespace with one line in app/i18n-features.ts.
// - Omit `label` for routes that are not menu items (e.g. detail pages such as /tickets/:id).
// - `section: 'settings'` puts the item under the 设置 / Settings sub-menu; `minRole` hides it (the API
//   still checks roles on every route).
// - `path` is a react-router path; keep the menu path free of parameters.
import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BookOutlined,
  CarryOutOutlined,
  CloudSyncOutlined,
  DotChartOutlined,
  FieldTimeOutlined,
  ImportOutlined,
  InboxOutlined,
  LineChartOutlined,
  MessageOutlined,
  PartitionOutlined,
  PlusCircleOutlined,
  ShopOutlined,
  StopOutlined,
  TeamOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import type { Role } from './types.js';

export type NavItem = {
  path: string;
  page: () => Promise<{ default: ComponentType }>;
  label?: string;
  icon?: ReactNode;
  minRole?: Role;
  section?: 'main' | 'settings';
};

// biome-ignore format: one line per page keeps additions to one-line edits
export const nav: NavItem[] = [
  { path: '/inbox', page: () => import('../pages/inbox/inbox-page.js'), label: 'inbox:menu', icon: <InboxOutlined /> },
  { path: '/tickets/new', page: () => import('../pages/new-case/new-case-page.js'), label: 'newCase:menu', icon: <PlusCircleOutlined /> },
  { path: '/tickets/:id', page: () => import('../pages/ticket/ticket-page.js') },
  { path: '/search', page: () => import('../pages/search/search-page.js') },
  { path: '/imports', page: () => import('../pages/imports/imports-page.js'), label: 'imports:menu', icon: <ImportOutlined />, minRole: 'supervisor' },
  { path: '/sla/at-risk', page: () => import('../pages/sla/at-risk-page.js'), label: 'sla:menu.atRisk', icon: <AlertOutlined />, minRole: 'supervisor' },
  { path: '/sla/reports', page: () => import('../pages/sla/reports-page.js'), label: 'sla:menu.reports', icon: <LineChartOutlined />, minRole: 'supervisor' },
  { path: '/settings/sla', page: () => import('../pages/sla/sla-settings-page.js'), label: 'sla:menu.settings', icon: <FieldTimeOutlined />, section: 'settings' },
  { path: '/triage/report', page: () => import('../pages/triage/report-page.js'), label: 'triage:report.menu', icon: <DotChartOutlined />, minRole: 'supervisor' },
  { path: '/settings/triage-lexicon', page: () => import('../pages/triage/lexicon-page.js'), label: 'triage:lexicon.menu', icon: <BookOutlined />, section: 'settings' },
  { path: '/tasks', page: () => import('../pages/playbooks/my-tasks-page.js'), label: 'playbooks:menu.tasks', icon: <CarryOutOutlined /> },
  { path: '/approvals', page: () => import('../pages/playbooks/approvals-page.js'), label: 'playbooks:menu.approvals', icon: <AuditOutlined />, minRole: 'supervisor' },
  { path: '/blocklist', page: () => import('../pages/playbooks/blocklist-page.js'), label: 'playbooks:menu.blocklist', icon: <StopOutlined /> },
  { path: '/settings/templates', page: () => import('../pages/playbooks/templates-page.js'), label: 'playbooks:menu.templates', icon: <MessageOutlined />, section: 'settings' },
  { path: '/settings/playbooks', page: () => import('../pages/playbooks/playbooks-page.js'), label: 'playbooks:menu.playbooks', icon: <PartitionOutlined />, section: 'settings' },
  { path: '/channels', page: () => import('../pages/channels/channel-health-page.js'), label: 'channels:menu.health', icon: <CloudSyncOutlined /> },
  { path: '/channels/events', page: () => import('../pages/channels/events-page.js'), label: 'channels:menu.events', icon: <WarningOutlined /> },
  { path: '/settings/shops', page: () => import('../pages/shops/shops-page.js'), label: 'shops:menu', icon: <ShopOutlined />, section: 'settings' },
  { path: '/settings/users', page: () => import('../pages/settings/users-page.js'), label: 'settings:users.menu', icon: <TeamOutlined />, minRole: 'admin', section: 'settings' },
  { path: '/settings/tokens', page: () => import('../pages/settings/tokens-page.js'), label: 'settings:tokens.menu', icon: <ApiOutlined />, minRole: 'admin', section: 'settings' },
];

/** Where a logged-in user lands. */
export const HOME_PATH = '/inbox';
