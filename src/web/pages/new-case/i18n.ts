const zh = {
  menu: '新建工单',
};

const en: typeof zh = {
  menu: 'New case',
};

export const newCaseI18n = { 'zh-CN': zh, en };
