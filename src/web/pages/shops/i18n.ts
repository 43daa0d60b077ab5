const zh = {
  menu: '店铺',
};

const en: typeof zh = {
  menu: 'Shops',
};

export const shopsI18n = { 'zh-CN': zh, en };
