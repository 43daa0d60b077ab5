const zh = {
  title: '工单',
};

const en: typeof zh = {
  title: 'Ticket',
};

export const ticketI18n = { 'zh-CN': zh, en };
