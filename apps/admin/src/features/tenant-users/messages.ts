/** The "tenant-users" namespace: English is the source of the keys, zh-CN must have exactly the same. */
export const en = {
  nav: {
    users: 'Users & roles',
  },
  users: {
    title: 'Users & roles',
    subtitle: 'Invite people, set their role and remove access.',
    subtitleReadOnly: 'People working in this tenant.',
    invite: 'Invite user',
    inviteTitle: 'Invite a user',
    sendInvite: 'Create invitation',
    roleHelp: 'Tenant admins manage users and keys; supervisors oversee agents; agents answer customers.',
    searchPlaceholder: 'Search by name or email',
    empty: 'No users yet',
    you: 'You',
    staffed: 'Provider agent',
    joined: 'Added',
    roleChanged: '{{name}} is now {{role}}',
    removeConfirm: 'Remove {{name}} from this tenant?',
    removeHelp: 'They are signed out of this tenant at once.',
    removed: '{{name}} has been removed',
  },
};

export type Messages = typeof en;

export const zhCN: Messages = {
  nav: {
    users: '用户与角色',
  },
  users: {
    title: '用户与角色',
    subtitle: '邀请成员、设置角色、移除访问权限。',
    subtitleReadOnly: '在本租户工作的人员。',
    invite: '邀请用户',
    inviteTitle: '邀请用户',
    sendInvite: '生成邀请',
    roleHelp: '租户管理员管理用户和密钥；主管负责坐席管理；坐席负责接待客户。',
    searchPlaceholder: '按姓名或邮箱搜索',
    empty: '暂无用户',
    you: '我',
    staffed: '服务商坐席',
    joined: '加入时间',
    roleChanged: '{{name}} 的角色已改为{{role}}',
    removeConfirm: '确认将 {{name}} 移出本租户？',
    removeHelp: '其在本租户的登录将立即失效。',
    removed: '已移除 {{name}}',
  },
};
