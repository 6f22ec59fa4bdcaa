// The push channel page: Chinese texts (en.ts has the same keys).
const zhCN = {
  menu: { channels: '推送渠道' },
  channels: {
    title: '推送渠道',
    add: '添加',
    added: '已添加',
    remove: '删除',
    confirmRemove: '删除推送渠道 {target}？尚未发送的消息将不再发送。',
    secretSet: '已设置',
    deliveries: '发送记录',
    failedCount: '{n} 条发送失败',
    field: {
      unit: '单位',
      kind: '类型',
      target: '地址',
      secret: '加签密钥',
      password: 'SMTP 密码',
      status: '状态',
      attempts: '尝试次数',
      next: '下次重试',
      error: '最近错误',
      title: '消息',
      createdAt: '时间',
    },
    kind: { wecom: '企业微信群机器人', dingtalk: '钉钉群机器人', smtp: '电子邮件' },
    status: { pending: '待发送', sent: '已发送', failed: '发送失败' },
  },
};
export default zhCN;
