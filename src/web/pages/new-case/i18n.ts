const zh = {
  menu: '新建工单',
  title: '新建工单',
  subtitle: '记录热线来电、邮件或线下反馈的售后问题',
  sections: { case: '问题信息', customer: '客户信息' },
  fields: {
    kind: '类型',
    channel: '来源渠道',
    shop: '店铺',
    shopPlaceholder: '选择店铺（可选）',
    severity: '严重度',
    customerName: '客户姓名',
    customerPhone: '联系电话',
    phoneHint: '仅保存脱敏后的号码用于展示',
    subject: '主题',
    subjectPlaceholder: '一句话描述问题，例如：收到的保温杯漏水',
    body: '问题描述',
    bodyPlaceholder: '客户反映的情况、诉求和已了解的信息',
    tags: '标签',
    tagsPlaceholder: '输入后回车添加',
  },
  validation: { required: '请填写{{field}}', phone: '请输入有效的电话号码' },
  submit: '创建工单',
  created: '工单 #{{number}} 已创建',
  noShops: '还没有店铺，可先在设置中添加店铺',
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zh> = {
  menu: 'New case',
  title: 'New case',
  subtitle: 'Log a hotline call, an e-mail or any after-sales problem reported offline',
  sections: { case: 'Case', customer: 'Customer' },
  fields: {
    kind: 'Kind',
    channel: 'Channel',
    shop: 'Shop',
    shopPlaceholder: 'Choose a shop (optional)',
    severity: 'Severity',
    customerName: 'Customer name',
    customerPhone: 'Phone',
    phoneHint: 'Only a masked number is kept for display',
    subject: 'Subject',
    subjectPlaceholder: 'One line, e.g. The vacuum flask leaks',
    body: 'Description',
    bodyPlaceholder: 'What the customer reports, what they ask for, what you know',
    tags: 'Tags',
    tagsPlaceholder: 'Type and press Enter',
  },
  validation: { required: 'Please enter {{field}}', phone: 'Enter a valid phone number' },
  submit: 'Create case',
  created: 'Ticket #{{number}} created',
  noShops: 'No shops yet — add one in Settings first',
};

export const newCaseI18n = { 'zh-CN': zh, en };
