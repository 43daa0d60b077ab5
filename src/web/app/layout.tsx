import {
  ApiOutlined,
  BarChartOutlined,
  CheckOutlined,
  GlobalOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  SafetyOutlined,
  SettingOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, Flex, Layout, Menu, type MenuProps, Spin, Tag, Typography } from 'antd';
import { type ReactNode, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { SearchBox } from '../pages/search/search-box.js';
import { NotificationsBell } from '../pages/sla/notifications-bell.js';
import { api } from './api.js';
import { useAuth } from './auth.js';
import { ErrorBoundary } from './error-boundary.js';
import { changeLocale, type Locale } from './i18n.js';
import { NAV_SECTIONS, type NavSection, nav } from './nav.js';
import { hasRole } from './roles.js';

const { Sider, Header, Content } = Layout;
const COLLAPSE_KEY = 'aftercare.sider';
const SECTION_ICONS: Record<NavSection, ReactNode> = {
  risk: <SafetyOutlined />,
  insight: <BarChartOutlined />,
  channels: <ApiOutlined />,
  settings: <SettingOutlined />,
};

export function ConsoleLayout() {
  const { t, i18n } = useTranslation();
  const { role } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSE_KEY) === '1');

  const visible = useMemo(
    () => nav.filter((n) => n.label && (!n.minRole || hasRole(role, n.minRole))),
    [role],
  );
  const items: MenuProps['items'] = useMemo(() => {
    const entry = (n: (typeof visible)[number]) => ({ key: n.path, icon: n.icon, label: t(n.label ?? '') });
    const main = visible.filter((n) => !n.section).map(entry);
    const sections = NAV_SECTIONS.map((section) => ({
      key: section,
      icon: SECTION_ICONS[section],
      label: t(`menu.${section}`),
      children: visible.filter((n) => n.section === section).map(entry),
    })).filter((s) => s.children.length > 0);
    return [...main, ...sections];
  }, [visible, t]);

  // The longest menu path that prefixes the URL; detail pages such as /tickets/:id light up the inbox.
  const current = visible
    .filter((n) => location.pathname === n.path || location.pathname.startsWith(`${n.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const selected = current?.path ?? (location.pathname.startsWith('/tickets/') ? '/inbox' : '');
  // The sub-menu of the page on screen is always open; the others open and close as the user clicks.
  const [openKeys, setOpenKeys] = useState<string[]>([]);
  const shownOpenKeys =
    current?.section && !openKeys.includes(current.section) ? [...openKeys, current.section] : openKeys;

  const toggle = () => {
    localStorage.setItem(COLLAPSE_KEY, collapsed ? '0' : '1');
    setCollapsed(!collapsed);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        // English menu labels (Risk and compliance, Platform channels) are longer than the Chinese ones.
        width={i18n.language === 'en' ? 244 : 216}
        collapsedWidth={64}
        collapsed={collapsed}
        trigger={null}
        style={{
          borderRight: '1px solid #eef0f3',
          position: 'sticky',
          top: 0,
          height: '100vh',
          overflowY: 'auto',
        }}
      >
        <Link
          to="/inbox"
          style={{ display: 'flex', alignItems: 'center', gap: 10, height: 56, padding: '0 20px' }}
        >
          <Logo />
          {!collapsed && (
            <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Text>
          )}
        </Link>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          openKeys={collapsed ? undefined : shownOpenKeys}
          onOpenChange={setOpenKeys}
          items={items}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: '1px solid #eef0f3',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <Button
            type="text"
            aria-label="toggle menu"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={toggle}
          />
          <SearchBox />
          <Flex align="center" gap={8}>
            <NotificationsBell />
            <LanguageSwitch />
            <UserMenu />
          </Flex>
        </Header>
        <Content style={{ padding: 20, minWidth: 0 }}>
          <ErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Content>
      </Layout>
    </Layout>
  );
}

export function PageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin />
    </Flex>
  );
}

function Logo() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#1668dc" />
      <path
        d="M9 17l5 5 9-11"
        stroke="#fff"
        strokeWidth="3.2"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

const LANGUAGES: { key: Locale; label: string }[] = [
  { key: 'zh-CN', label: '简体中文' },
  { key: 'en', label: 'English' },
];

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const { me } = useAuth();
  const current = i18n.language === 'en' ? 'en' : 'zh-CN';
  const choose = (locale: Locale) => {
    void changeLocale(locale);
    // Remember it on the account too, so notices the server sends this user follow the same language.
    const id = me?.user?.id;
    if (id)
      void api(`/users/${id}`, { method: 'PATCH', body: { locale }, silent: true }).catch(() => undefined);
  };
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectedKeys: [current],
        items: LANGUAGES.map((l) => ({
          key: l.key,
          label: l.label,
          extra: l.key === current ? <CheckOutlined /> : null,
          'data-testid': `lang-${l.key}`,
        })),
        onClick: ({ key }) => choose(key as Locale),
      }}
    >
      <Button
        type="text"
        icon={<GlobalOutlined />}
        data-testid="lang-switch"
        aria-label={t('header.language')}
      >
        {LANGUAGES.find((l) => l.key === current)?.label}
      </Button>
    </Dropdown>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const { me, logout } = useAuth();
  const name = me?.user?.name || me?.actor.name || '';
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: (
              <Flex vertical style={{ minWidth: 180 }}>
                <Typography.Text strong>{name}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {me?.user?.email}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'tenant',
            disabled: true,
            icon: <ShopOutlined />,
            label: (
              <span>
                {me?.tenant.name}{' '}
                {me && <Tag style={{ marginInlineStart: 4 }}>{t(`role.${me.actor.role}`)}</Tag>}
              </span>
            ),
          },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'logout') void logout();
        },
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
        <Avatar size={28} style={{ background: '#1668dc', fontSize: 13 }}>
          {name.slice(0, 1).toUpperCase()}
        </Avatar>
        <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis' }}>{name}</span>
      </Button>
    </Dropdown>
  );
}
