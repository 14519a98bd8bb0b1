/** The "account" namespace: English is the source of the keys, zh-CN must have exactly the same. */
export const en = {
  account: {
    title: 'My account',
    profile: 'Profile',
    providerRole: 'Provider role',
    roleIn: 'Role in {{tenant}}',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    currentWrong: 'The current password is not correct.',
    passwordHelp: 'At least 10 characters, with letters and digits.',
    confirmPassword: 'Confirm password',
  },
};

export type Messages = typeof en;

export const zhCN: Messages = {
  account: {
    title: '个人中心',
    profile: '个人信息',
    providerRole: '服务商角色',
    roleIn: '在 {{tenant}} 的角色',
    changePassword: '修改密码',
    currentPassword: '当前密码',
    newPassword: '新密码',
    currentWrong: '当前密码不正确。',
    passwordHelp: '至少 10 位，需同时包含字母和数字。',
    confirmPassword: '确认密码',
  },
};
