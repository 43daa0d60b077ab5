const zh = {
  login: {
    title: '登录售后工作台',
    subtitle: '一个工作台处理所有店铺的投诉、差评与售后',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    noAccount: '还没有商家账号？',
    toSignup: '注册',
    failed: '邮箱或密码错误',
  },
  signup: {
    title: '创建商家账号',
    subtitle: '首次使用：创建您的商家和管理员账号',
    tenantName: '商家名称',
    tenantNamePlaceholder: '例如：杭州某某旗舰店',
    name: '您的姓名',
    email: '邮箱',
    password: '密码',
    passwordHint: '至少 10 个字符；不要用常见密码，也不要包含邮箱或姓名',
    submit: '创建并进入',
    haveAccount: '已有账号？',
    toLogin: '登录',
  },
  validation: { required: '请填写{{field}}', email: '请输入有效的邮箱地址', password: '密码至少 10 个字符' },
};

const en: typeof zh = {
  login: {
    title: 'Log in to Aftercare',
    subtitle: 'Complaints, reviews and after-sales from every shop in one desk',
    email: 'E-mail',
    password: 'Password',
    submit: 'Log in',
    noAccount: 'No merchant account yet?',
    toSignup: 'Sign up',
    failed: 'Wrong e-mail or password',
  },
  signup: {
    title: 'Create your merchant account',
    subtitle: 'First run: create your merchant and its administrator',
    tenantName: 'Merchant name',
    tenantNamePlaceholder: 'e.g. Hangzhou Flagship Store',
    name: 'Your name',
    email: 'E-mail',
    password: 'Password',
    passwordHint: 'At least 10 characters; not a common password, and not your e-mail or name',
    submit: 'Create and start',
    haveAccount: 'Already have an account?',
    toLogin: 'Log in',
  },
  validation: {
    required: 'Please enter {{field}}',
    email: 'Enter a valid e-mail address',
    password: 'At least 10 characters',
  },
};

export const authI18n = { 'zh-CN': zh, en };
