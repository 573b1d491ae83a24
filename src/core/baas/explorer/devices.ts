/**
 * The explorer's Devices tab: the simulated devices registered through `/push/v1` (push.ts) and what each received.
 * Read as the owner, like the Inbox: the devices stand for the phones outside the BaaS, not for rows a caller owns.
 */
import type { Queryable } from '../db/types';

/** A notification a simulated device received. */
export interface DeviceNotification {
  id: string;
  title: string | null;
  body: string | null;
  data: Record<string, string>;
  sentAt: string;
}

/** A simulated device with its notifications, newest first. */
export interface DeviceSummary {
  token: string;
  platform: 'fcm' | 'apns';
  name: string;
  userId: string | null;
  /** The owner's email, when the device was registered by a user who still exists. */
  userEmail: string | null;
  createdAt: string;
  /** Every notification the device received (its count may exceed `notifications.length`). */
  received: number;
  notifications: DeviceNotification[];
}

/** A row of the devices query. */
export type DeviceRow = { token: string; platform: 'fcm' | 'apns'; name: string; user_id: string | null; email: string | null; created: string; received: string | number };
/** A row of the notifications query. */
export type NotificationRow = { id: string; token: string; title: string | null; body: string | null; data: Record<string, string> | string | null; sent: string };

/** True once the first `/push/v1` call created the push tables. */
async function hasPushTables(db: Pick<Queryable, 'query'>): Promise<boolean> {
  return !!(await db.query<{ t: string | null }>(`select to_regclass('push.devices')::text as t`)).rows[0]?.t;
}

/** How many simulated devices are registered (0 before the first `/push/v1` call). */
export async function countDevices(db: Pick<Queryable, 'query'>): Promise<number> {
  if (!(await hasPushTables(db))) return 0;
  return Number((await db.query<{ n: string | number }>('select count(*) as n from push.devices')).rows[0].n);
}

/** Lists devices, newest first, each with its latest `perDevice` notifications. */
export async function listDevices(db: Pick<Queryable, 'query'>, perDevice = 20): Promise<DeviceSummary[]> {
  if (!(await hasPushTables(db))) return [];
  const devices = (
    await db.query<DeviceRow>(
      `select d.token, d.platform, d.name, d.user_id::text as user_id, u.email, d.created_at::text as created,
              (select count(*) from push.notifications n where n.token = d.token) as received
         from push.devices d left join auth.users u on u.id = d.user_id
        order by d.created_at desc, d.token`,
    )
  ).rows;
  const notifications = (
    await db.query<NotificationRow>(
      `select id::text as id, token, title, body, data, sent::text as sent from (
         select n.*, n.sent_at as sent, row_number() over (partition by n.token order by n.sent_at desc, n.id desc) as i from push.notifications n
       ) x where i <= $1 order by sent_at desc, id desc`,
      [perDevice],
    )
  ).rows;
  return groupDevices(devices, notifications);
}

/** Attaches each notification to its device (pure: the grouping the tab shows). */
export function groupDevices(devices: DeviceRow[], notifications: NotificationRow[]): DeviceSummary[] {
  const byToken = new Map<string, DeviceNotification[]>();
  for (const n of notifications) {
    const data = typeof n.data === 'string' ? (JSON.parse(n.data) as Record<string, string>) : (n.data ?? {});
    const list = byToken.get(n.token) ?? [];
    list.push({ id: n.id, title: n.title, body: n.body, data, sentAt: n.sent });
    byToken.set(n.token, list);
  }
  return devices.map((d) => ({
    token: d.token,
    platform: d.platform,
    name: d.name,
    userId: d.user_id,
    userEmail: d.email,
    createdAt: d.created,
    received: Number(d.received),
    notifications: byToken.get(d.token) ?? [],
  }));
}
