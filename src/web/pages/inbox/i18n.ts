const zh = {
  menu: '工单列表',
};

const en: typeof zh = {
  menu: 'Inbox',
};

export const inboxI18n = { 'zh-CN': zh, en };
