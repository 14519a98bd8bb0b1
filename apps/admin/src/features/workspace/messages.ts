/** The "workspace" namespace: English is the source of the keys, zh-CN must have exactly the same. */
export const en = {
  nav: {
    workspace: 'Workspace',
  },
  workspace: {
    title: 'Workspace',
    subtitle: 'The tenants you work for.',
    subtitleTenant: 'Working in {{tenant}}.',
    inbox: 'Inbox',
    inboxEmpty: 'Conversations and tickets assigned to you will appear here.',
    myTenants: 'My tenants',
    noTenants: 'You are not staffed on any tenant yet. Ask a provider admin.',
    current: 'Current',
    open: 'Switch',
    staffed: 'Staffed by the provider',
  },
};

export type Messages = typeof en;

export const zhCN: Messages = {
  nav: {
    workspace: '工作台',
  },
  workspace: {
    title: '工作台',
    subtitle: '您所服务的租户。',
    subtitleTenant: '当前工作租户：{{tenant}}。',
    inbox: '收件箱',
    inboxEmpty: '分配给您的会话和工单将显示在这里。',
    myTenants: '我的租户',
    noTenants: '您尚未被分配到任何租户，请联系服务商管理员。',
    current: '当前',
    open: '切换',
    staffed: '由服务商派驻',
  },
};
