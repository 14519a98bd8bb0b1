/** The "auth" namespace: English is the source of the keys, zh-CN must have exactly the same. */
export const en = {
  auth: {
    signInTitle: 'Sign in',
    signInSubtitle: 'Use the email and password of your Tandem account.',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    hint: 'New here? Open the invitation link you received to set your password.',
    endReason: {
      signed_out: 'You have signed out.',
      signed_out_elsewhere: 'You were signed out in another tab.',
      session_expired:
        'Your session has ended — it timed out, or an administrator changed your access. Please sign in again.',
      tenant_suspended:
        'This tenant has been suspended, so you were signed out. Contact your service provider.',
      access_removed: 'Your access to this tenant was removed, so you were signed out.',
      password_changed: 'Your password was changed. Please sign in with the new password.',
    },
  },
  invite: {
    title: 'Accept your invitation',
    subtitleTenant:
      'You have been invited to join {{tenant}} as {{role}}. Set your name and a password to continue.',
    subtitleProvider:
      'You have been invited to the provider console as {{role}}. Set your name and a password to continue.',
    tenant: 'Tenant',
    expiresAt: 'Valid until',
    name: 'Your name',
    password: 'Password',
    confirmPassword: 'Confirm password',
    passwordHelp:
      'At least 10 characters, with letters and digits. If this email already has a Tandem account, enter that account’s password.',
    accept: 'Accept and sign in',
    invalidTitle: 'This invitation is not valid',
    expiredTitle: 'This invitation has expired',
    invalidBody: 'It may have been used already or withdrawn. Ask your administrator for a new invitation.',
    goToSignIn: 'Go to sign-in',
    signedInAs: 'You are signed in as {{email}} in this browser. Accepting signs you out of that account.',
  },
};

export type Messages = typeof en;

export const zhCN: Messages = {
  auth: {
    signInTitle: '登录',
    signInSubtitle: '请使用您的 Tandem 账号邮箱和密码登录。',
    email: '邮箱',
    password: '密码',
    signIn: '登录',
    hint: '首次使用？请打开您收到的邀请链接设置密码。',
    endReason: {
      signed_out: '您已安全退出。',
      signed_out_elsewhere: '您已在其他标签页中退出登录。',
      session_expired: '您的登录已失效（可能已超时，或管理员变更了您的访问权限），请重新登录。',
      tenant_suspended: '该租户已被停用，您已被强制退出。请联系您的服务商。',
      access_removed: '您在该租户的访问权限已被移除，您已被强制退出。',
      password_changed: '密码已修改，请使用新密码重新登录。',
    },
  },
  invite: {
    title: '接受邀请',
    subtitleTenant: '您受邀以「{{role}}」身份加入 {{tenant}}。请设置姓名和密码以继续。',
    subtitleProvider: '您受邀以「{{role}}」身份加入服务商控制台。请设置姓名和密码以继续。',
    tenant: '租户',
    expiresAt: '有效期至',
    name: '您的姓名',
    password: '密码',
    confirmPassword: '确认密码',
    passwordHelp: '至少 10 位，需同时包含字母和数字。若此邮箱已有 Tandem 账号，请输入该账号的密码。',
    accept: '接受邀请并登录',
    invalidTitle: '邀请链接无效',
    expiredTitle: '邀请链接已过期',
    invalidBody: '该链接可能已被使用或已撤回，请联系管理员重新发送邀请。',
    goToSignIn: '前往登录',
    signedInAs: '当前浏览器已登录 {{email}}。接受邀请后将退出该账号。',
  },
};
