const zh = {
  users: { menu: '成员' },
  tokens: { menu: 'API 令牌' },
};

const en: typeof zh = {
  users: { menu: 'Members' },
  tokens: { menu: 'API tokens' },
};

export const settingsI18n = { 'zh-CN': zh, en };
