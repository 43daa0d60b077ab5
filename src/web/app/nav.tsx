// HOW TO ADD A PAGE (one line): append an entry to `nav` below.
//   { path: '/recalls', page: () => import('../pages/recalls/recalls-page.js'), label: 'recalls:menu', icon: <AlertOutlined />, minRole: 'supervisor' },
// - `page` lazily imports a module whose DEFAULT export is the page component (code-split per page).
// - `label` is an i18n key "<namespace>:<key>"; register the namespace with one line in app/i18n-features.ts.
// - Omit `label` for routes that are not menu items (e.g. detail pages such as /tickets/:id).
// - `section` puts the item under a sub-menu (风险与合规, 数据与报表, 平台渠道, 设置); without it the item is at
//   the top, where the day's work is. `minRole` hides it (the API still checks roles on every route).
// - `path` is a react-router path; keep the menu path free of parameters.
import {
  AlertOutlined,
  ApiOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CarryOutOutlined,
  CloudSyncOutlined,
  DisconnectOutlined,
  DotChartOutlined,
  ExceptionOutlined,
  FieldTimeOutlined,
  FireOutlined,
  FundOutlined,
  HeartOutlined,
  ImportOutlined,
  InboxOutlined,
  LineChartOutlined,
  LockOutlined,
  MessageOutlined,
  PartitionOutlined,
  PlusCircleOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  ShoppingOutlined,
  SolutionOutlined,
  StopOutlined,
  TeamOutlined,
  TrademarkOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import type { ComponentType, ReactNode } from 'react';
import type { Role } from './types.js';

/** Sub-menus in the order they appear; the day's work (no section) comes first. */
export const NAV_SECTIONS = ['risk', 'insight', 'channels', 'settings'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

export type NavItem = {
  path: string;
  page: () => Promise<{ default: ComponentType }>;
  label?: string;
  icon?: ReactNode;
  minRole?: Role;
  section?: NavSection;
};

// biome-ignore format: one line per page keeps additions to one-line edits
export const nav: NavItem[] = [
  { path: '/inbox', page: () => import('../pages/inbox/inbox-page.js'), label: 'inbox:menu', icon: <InboxOutlined /> },
  { path: '/tickets/new', page: () => import('../pages/new-case/new-case-page.js'), label: 'newCase:menu', icon: <PlusCircleOutlined /> },
  { path: '/tickets/:id', page: () => import('../pages/ticket/ticket-page.js') },
  { path: '/search', page: () => import('../pages/search/search-page.js') },
  { path: '/imports', page: () => import('../pages/imports/imports-page.js'), label: 'imports:menu', icon: <ImportOutlined />, minRole: 'supervisor', section: 'insight' },
  { path: '/analytics', page: () => import('../pages/analytics/analytics-page.js'), label: 'analytics:menu', icon: <BarChartOutlined />, minRole: 'supervisor', section: 'insight' },
  { path: '/sla/at-risk', page: () => import('../pages/sla/at-risk-page.js'), label: 'sla:menu.atRisk', icon: <AlertOutlined />, minRole: 'supervisor' },
  { path: '/sla/reports', page: () => import('../pages/sla/reports-page.js'), label: 'sla:menu.reports', icon: <LineChartOutlined />, minRole: 'supervisor', section: 'insight' },
  { path: '/settings/sla', page: () => import('../pages/sla/sla-settings-page.js'), label: 'sla:menu.settings', icon: <FieldTimeOutlined />, section: 'settings' },
  { path: '/triage/report', page: () => import('../pages/triage/report-page.js'), label: 'triage:report.menu', icon: <DotChartOutlined />, minRole: 'supervisor', section: 'settings' },
  { path: '/settings/triage-lexicon', page: () => import('../pages/triage/lexicon-page.js'), label: 'triage:lexicon.menu', icon: <BookOutlined />, section: 'settings' },
  { path: '/quality', page: () => import('../pages/quality/compliance-page.js'), label: 'quality:menu', icon: <SafetyCertificateOutlined />, section: 'risk' },
  { path: '/suppliers', page: () => import('../pages/suppliers/suppliers-page.js'), label: 'suppliers:menu', icon: <ShoppingOutlined />, section: 'risk' },
  { path: '/suppliers/:id', page: () => import('../pages/suppliers/supplier-page.js') },
  { path: '/tasks', page: () => import('../pages/playbooks/my-tasks-page.js'), label: 'playbooks:menu.tasks', icon: <CarryOutOutlined /> },
  { path: '/approvals', page: () => import('../pages/playbooks/approvals-page.js'), label: 'playbooks:menu.approvals', icon: <AuditOutlined />, minRole: 'supervisor' },
  { path: '/blocklist', page: () => import('../pages/playbooks/blocklist-page.js'), label: 'playbooks:menu.blocklist', icon: <StopOutlined /> },
  { path: '/settings/templates', page: () => import('../pages/playbooks/templates-page.js'), label: 'playbooks:menu.templates', icon: <MessageOutlined />, section: 'settings' },
  { path: '/settings/playbooks', page: () => import('../pages/playbooks/playbooks-page.js'), label: 'playbooks:menu.playbooks', icon: <PartitionOutlined />, section: 'settings' },
  { path: '/recalls', page: () => import('../pages/recalls/recalls-page.js'), label: 'recalls:menu', icon: <FireOutlined />, minRole: 'supervisor', section: 'risk' },
  { path: '/recalls/campaigns/:id', page: () => import('../pages/recalls/campaign-page.js') },
  { path: '/disputes', page: () => import('../pages/disputes/disputes-page.js'), label: 'disputes:menu.disputes', icon: <SafetyCertificateOutlined />, section: 'risk' },
  { path: '/disputes/:id', page: () => import('../pages/disputes/dispute-page.js') },
  { path: '/penalties', page: () => import('../pages/disputes/penalties-page.js'), label: 'disputes:menu.penalties', icon: <ExceptionOutlined />, section: 'risk' },
  { path: '/shop-health', page: () => import('../pages/disputes/shop-health-page.js'), label: 'disputes:menu.health', icon: <FundOutlined />, section: 'risk' },
  { path: '/brand', page: () => import('../pages/brand/brand-page.js'), label: 'brand:menu', icon: <TrademarkOutlined />, section: 'risk' },
  { path: '/orders/:id', page: () => import('../pages/evidence/order-page.js') },
  { path: '/channels', page: () => import('../pages/channels/channel-health-page.js'), label: 'channels:menu.health', icon: <CloudSyncOutlined />, section: 'channels' },
  { path: '/channels/events', page: () => import('../pages/channels/events-page.js'), label: 'channels:menu.events', icon: <WarningOutlined />, section: 'channels' },
  { path: '/channels/failed', page: () => import('../pages/channels/failed-deliveries-page.js'), label: 'channels:menu.failed', icon: <DisconnectOutlined />, section: 'channels' },
  { path: '/knowledge', page: () => import('../pages/kb/kb-page.js'), label: 'kb:menu', icon: <BookOutlined /> },
  { path: '/care', page: () => import('../pages/care/care-page.js'), label: 'care:menu', icon: <HeartOutlined /> },
  { path: '/coaching', page: () => import('../pages/coaching/coaching-page.js'), label: 'coaching:menu', icon: <SolutionOutlined /> },
  { path: '/assistant', page: () => import('../pages/assistant/assistant-page.js'), label: 'assistant:menu', icon: <MessageOutlined />, minRole: 'supervisor' },
  { path: '/settings/reply-checks', page: () => import('../pages/replycheck/rules-page.js'), label: 'replycheck:menu', icon: <SafetyCertificateOutlined />, section: 'settings' },
  { path: '/settings/shops', page: () => import('../pages/shops/shops-page.js'), label: 'shops:menu', icon: <ShopOutlined />, section: 'settings' },
  { path: '/settings/users', page: () => import('../pages/settings/users-page.js'), label: 'settings:users.menu', icon: <TeamOutlined />, minRole: 'admin', section: 'settings' },
  { path: '/settings/privacy', page: () => import('../pages/privacy/privacy-page.js'), label: 'privacy:menu', icon: <LockOutlined />, minRole: 'admin', section: 'settings' },
  { path: '/settings/tokens', page: () => import('../pages/settings/tokens-page.js'), label: 'settings:tokens.menu', icon: <ApiOutlined />, minRole: 'admin', section: 'settings' },
];

/** Where a logged-in user lands. */
export const HOME_PATH = '/inbox';
