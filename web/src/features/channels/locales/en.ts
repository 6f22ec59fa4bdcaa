// The push channel page: English texts (same keys as zh-CN.ts).
const en = {
  menu: { channels: 'Push channels' },
  channels: {
    title: 'Push channels',
    add: 'Add',
    added: 'Added',
    remove: 'Remove',
    confirmRemove: 'Remove the channel {target}? Messages not yet sent will not be.',
    secretSet: 'set',
    deliveries: 'Deliveries',
    failedCount: '{n} failed',
    field: {
      unit: 'Unit',
      kind: 'Kind',
      target: 'Target',
      secret: 'Signing secret',
      password: 'SMTP password',
      status: 'Status',
      attempts: 'Attempts',
      next: 'Next attempt',
      error: 'Last error',
      title: 'Message',
      createdAt: 'Time',
    },
    kind: { wecom: 'WeCom group robot', dingtalk: 'DingTalk robot', smtp: 'E-mail' },
    status: { pending: 'Pending', sent: 'Sent', failed: 'Failed' },
  },
};
export default en;
