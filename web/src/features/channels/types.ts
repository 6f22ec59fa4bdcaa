// Push channels and their deliveries (docs/bulletins.md "Push channels").
export type ChannelKind = 'wecom' | 'dingtalk' | 'smtp';
export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export interface Channel {
  id: number;
  unit: string;
  unit_name: string;
  kind: ChannelKind;
  target: string;
  has_secret: boolean;
  created_by: string;
  created_at: string;
}

export interface Delivery {
  id: number;
  channel: number;
  unit: string;
  channel_kind: ChannelKind;
  target: string;
  event: string;
  object_type: string;
  object_id: string;
  title: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string;
  created_at: string;
  sent_at: string | null;
}
