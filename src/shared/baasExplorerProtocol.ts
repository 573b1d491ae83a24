// Messages between the BaaS Explorer page (media/baasExplorer/) and its host (src/extension/baas/explorerPanel.ts).
// The host runs every query as the acting-as caller (RLS applies); the page renders and sends the learner's edits.
// Requests carry a `requestId` answered by one `reply` (src/shared/webviewMessaging); both sides validate what they receive.
import type { RequestEntry, RequestFilter } from '../core/baas/explorer/requestLog';
import type { RowPage, TableDetails, TableSummary } from '../core/baas/explorer/tables';
import type { ActingAs, InboxMail, UserSummary } from '../core/baas/explorer/users';
import type { PolicySnippet } from '../core/baas/explorer/policySnippets';
import type { SqlRunResult } from '../core/baas/explorer/sqlRun';
import type { BucketSummary, StorageEntry, StoragePolicy } from '../core/baas/explorer/storage';
import type { DeviceNotification, DeviceSummary } from '../core/baas/explorer/devices';
import type { MessageSchema, ReplyMessage } from './webviewMessaging';

export type { ActingAs, BucketSummary, DeviceNotification, DeviceSummary, InboxMail, PolicySnippet, RequestEntry, RequestFilter, RowPage, SqlRunResult, StorageEntry, StoragePolicy, TableDetails, TableSummary, UserSummary };

/** View type of the explorer panel; also used by its serializer and `onWebviewPanel:` activation. */
export const BAAS_EXPLORER_VIEW_TYPE = 'serverlessLab.baasExplorer';

/** Version of the page state saved with setState(); bump together with migrateBaasExplorerState(). */
export const BAAS_EXPLORER_STATE_VERSION = 1;

/** The explorer's tabs. */
export type ExplorerTab = 'tables' | 'sql' | 'policies' | 'users' | 'storage' | 'requests' | 'inbox' | 'devices';

/** Every tab, in display order. */
export const EXPLORER_TABS: readonly ExplorerTab[] = ['tables', 'sql', 'policies', 'users', 'storage', 'requests', 'inbox', 'devices'];

/** What the page saves so that it reopens where the learner was. */
export interface BaasExplorerState {
  version: typeof BAAS_EXPLORER_STATE_VERSION;
  tab: ExplorerTab;
  table?: string;
  filter?: RequestFilter;
  /** The Storage tab's bucket and folder (`a/b/`). */
  bucket?: string;
  prefix?: string;
}

/** Reads saved page state of any version; undefined when unusable. */
export function migrateBaasExplorerState(raw: unknown): BaasExplorerState | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (r.version !== BAAS_EXPLORER_STATE_VERSION || !EXPLORER_TABS.includes(r.tab as ExplorerTab)) return undefined;
  return {
    version: BAAS_EXPLORER_STATE_VERSION,
    tab: r.tab as ExplorerTab,
    ...(typeof r.table === 'string' ? { table: r.table } : {}),
    ...(r.filter && typeof r.filter === 'object' ? { filter: r.filter as RequestFilter } : {}),
    ...(typeof r.bucket === 'string' ? { bucket: r.bucket } : {}),
    ...(typeof r.prefix === 'string' ? { prefix: r.prefix } : {}),
  };
}

/** The BaaS as the page shows it in its banner. */
export interface ExplorerStatus {
  state: string;
  url?: string;
  /** Why the BaaS is not available (untrusted workspace, failed start), when it is not. */
  reason?: string;
  actingAs: ActingAs;
  actingLabel: string;
}

/** The SQL console's last run, shown in the SQL tab. */
export interface SqlConsoleResult {
  sql: string;
  actingLabel: string;
  result?: SqlRunResult;
  error?: string;
}

/** A user action from the Users tab. */
export type UserAction =
  | { action: 'create'; email: string; password: string }
  | { action: 'delete'; id: string }
  | { action: 'confirm'; id: string }
  | { action: 'recover'; email: string };

/** A folder of a bucket as the acting-as caller sees it (`/object/list`, so RLS decides). */
export interface StorageListing {
  bucket: string;
  prefix: string;
  entries: StorageEntry[];
  actingLabel: string;
}

/** What happened to one uploaded file; `exists` asks the learner before replacing. */
export interface UploadOutcome {
  key: string;
  outcome: 'uploaded' | 'exists' | 'failed';
  /** Storage's message for a failure (RLS refusal, size or type limit). */
  message?: string;
}

/** An object's preview: a data: URL for images, text (maybe cut), or why there is none. */
export interface ObjectPreview {
  key: string;
  mimeType: string;
  size: number;
  kind: 'image' | 'text' | 'none';
  /** `data:<type>;base64,…` for images. */
  dataUrl?: string;
  text?: string;
  truncated?: boolean;
  reason?: string;
}

/** Messages from the page to the host. */
export type BaasExplorerWebviewMessage =
  /** The page has loaded its script and can receive messages. */
  | { type: 'ready' }
  /** Lists the tables (reply: TableSummary[]). */
  | { type: 'tables'; requestId: number }
  /** One table's structure (reply: TableDetails). */
  | { type: 'describe'; requestId: number; table: string }
  /** One page of rows as the acting-as caller (reply: RowPage); `after` is the previous page's cursor. */
  | { type: 'page'; requestId: number; table: string; limit: number; after?: unknown[]; offset?: number }
  /** Inserts a row (reply: the row, or undefined when RLS hid it). */
  | { type: 'insert'; requestId: number; table: string; values: Record<string, string | null> }
  /** Updates one row by primary key (reply: the row, or undefined when no row matched). */
  | { type: 'update'; requestId: number; table: string; key: unknown[]; changes: Record<string, string | null> }
  /** Deletes one row by primary key; the page asked the learner to confirm (reply: rows deleted). */
  | { type: 'delete'; requestId: number; table: string; key: unknown[] }
  /** Lists users (reply: UserSummary[]). */
  | { type: 'users'; requestId: number }
  /** Acts on a user (reply: nothing). */
  | { type: 'userAction'; requestId: number; user: UserAction }
  /** Switches who every view acts as (reply: ExplorerStatus). */
  | { type: 'actAs'; requestId: number; actor: ActingAs }
  /** Policies of every table plus snippets for one (reply: { tables: TableDetails[]; snippets: PolicySnippet[] }). */
  | { type: 'policies'; requestId: number; table?: string }
  /** Opens a snippet as a SQL document to edit and run (reply: nothing). */
  | { type: 'newPolicy'; requestId: number; table: string; snippet: PolicySnippet['id']; ownerColumn?: string }
  /** The request log filtered (reply: RequestEntry[]). */
  | { type: 'requests'; requestId: number; filter: RequestFilter }
  /** Sends a logged request again as another caller (reply: the new RequestEntry). */
  | { type: 'replay'; requestId: number; id: number; actor: ActingAs }
  /** Clears the request log (reply: nothing). */
  | { type: 'clearRequests'; requestId: number }
  /** The Inbox (reply: InboxMail[]). */
  | { type: 'inbox'; requestId: number }
  /** Follows a link from an Inbox mail (reply: the text the BaaS answered). */
  | { type: 'followLink'; requestId: number; url: string }
  /** Buckets with their object counts, read as the owner (reply: BucketSummary[]). */
  | { type: 'buckets'; requestId: number }
  /** Creates a bucket through `/storage/v1/bucket` as the service role, an admin action (reply: nothing). */
  | { type: 'createBucket'; requestId: number; name: string; public: boolean }
  /** One folder of a bucket as the acting-as caller (reply: StorageListing). */
  | { type: 'objects'; requestId: number; bucket: string; prefix: string }
  /** Uploads bytes the learner dropped on the page, as the acting-as caller (reply: UploadOutcome). */
  | { type: 'upload'; requestId: number; bucket: string; key: string; base64: string; contentType: string; upsert?: boolean }
  /** Picks files with the host's open dialog and uploads them into `prefix` (reply: UploadOutcome[]; empty when cancelled). */
  | { type: 'uploadPick'; requestId: number; bucket: string; prefix: string }
  /** Downloads an object as the caller and saves it where the save dialog says (reply: the saved path, or undefined when cancelled). */
  | { type: 'download'; requestId: number; bucket: string; key: string }
  /** An object's preview as the caller (reply: ObjectPreview). */
  | { type: 'preview'; requestId: number; bucket: string; key: string }
  /** Deletes one object as the caller; the page asked to confirm (reply: objects deleted, 0 when RLS hid it). */
  | { type: 'deleteObject'; requestId: number; bucket: string; key: string }
  /** Creates a signed URL as the caller and copies it (reply: the URL). */
  | { type: 'signedUrl'; requestId: number; bucket: string; key: string; expiresIn: number }
  /** Policies on storage.objects, this bucket's first (reply: StoragePolicy[]). */
  | { type: 'storagePolicies'; requestId: number; bucket: string }
  /** Opens an owner-only policy for the bucket as a SQL document (reply: nothing). */
  | { type: 'newStoragePolicy'; requestId: number; bucket: string }
  /** Simulated devices and what they received (reply: DeviceSummary[]). */
  | { type: 'devices'; requestId: number }
  /** Registers a simulated device through `/push/v1/devices` as the acting-as caller (reply: its token). */
  | { type: 'registerDevice'; requestId: number; platform: 'fcm' | 'apns'; name: string }
  /** Sends a test notification through `/push/v1/send` with the service-role key (reply: the message name). */
  | { type: 'sendTestPush'; requestId: number; token: string; title: string; body: string }
  /** Opens the SQL console (a .sql editor). */
  | { type: 'openSqlConsole' }
  /** Remembers the tab (for the serializer's restore). */
  | { type: 'state'; state: BaasExplorerState };

/** Requests of the explorer page (the messages that get a reply). */
export type BaasExplorerRequest = Extract<BaasExplorerWebviewMessage, { requestId: number }>;

const isActor = (v: unknown): boolean => {
  const a = v as ActingAs;
  return !!a && typeof a === 'object' && (a.kind === 'service' || a.kind === 'anon' || (a.kind === 'user' && typeof a.id === 'string' && typeof a.email === 'string'));
};
const isRecord = (v: unknown): boolean => !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every((x) => x === null || typeof x === 'string');
const isUserAction = (v: unknown): boolean => {
  const u = v as Record<string, unknown>;
  if (!u || typeof u !== 'object') return false;
  switch (u.action) {
    case 'create': return typeof u.email === 'string' && typeof u.password === 'string';
    case 'delete':
    case 'confirm': return typeof u.id === 'string';
    case 'recover': return typeof u.email === 'string';
    default: return false;
  }
};

/** Field checks for each page message: the host validates every message against them. */
export const BAAS_EXPLORER_WEBVIEW_SCHEMA: MessageSchema = {
  ready: {},
  tables: { requestId: 'number' },
  describe: { requestId: 'number', table: 'string' },
  page: { requestId: 'number', table: 'string', limit: 'number', after: (v) => v === undefined || Array.isArray(v), offset: 'number?' },
  insert: { requestId: 'number', table: 'string', values: isRecord },
  update: { requestId: 'number', table: 'string', key: (v) => Array.isArray(v), changes: isRecord },
  delete: { requestId: 'number', table: 'string', key: (v) => Array.isArray(v) },
  users: { requestId: 'number' },
  userAction: { requestId: 'number', user: isUserAction },
  actAs: { requestId: 'number', actor: isActor },
  policies: { requestId: 'number', table: 'string?' },
  newPolicy: { requestId: 'number', table: 'string', snippet: (v) => v === 'owner-only' || v === 'public-read' || v === 'authenticated-insert', ownerColumn: 'string?' },
  requests: { requestId: 'number', filter: 'object' },
  replay: { requestId: 'number', id: 'number', actor: isActor },
  clearRequests: { requestId: 'number' },
  inbox: { requestId: 'number' },
  followLink: { requestId: 'number', url: 'string' },
  buckets: { requestId: 'number' },
  createBucket: { requestId: 'number', name: 'string', public: 'boolean' },
  objects: { requestId: 'number', bucket: 'string', prefix: 'string' },
  upload: { requestId: 'number', bucket: 'string', key: 'string', base64: 'string', contentType: 'string', upsert: 'boolean?' },
  uploadPick: { requestId: 'number', bucket: 'string', prefix: 'string' },
  download: { requestId: 'number', bucket: 'string', key: 'string' },
  preview: { requestId: 'number', bucket: 'string', key: 'string' },
  deleteObject: { requestId: 'number', bucket: 'string', key: 'string' },
  signedUrl: { requestId: 'number', bucket: 'string', key: 'string', expiresIn: 'number' },
  storagePolicies: { requestId: 'number', bucket: 'string' },
  newStoragePolicy: { requestId: 'number', bucket: 'string' },
  devices: { requestId: 'number' },
  registerDevice: { requestId: 'number', platform: (v) => v === 'fcm' || v === 'apns', name: 'string' },
  sendTestPush: { requestId: 'number', token: 'string', title: 'string', body: 'string' },
  openSqlConsole: {},
  state: { state: (v) => !!migrateBaasExplorerState(v) },
};

/** Messages from the host to the page. */
export type BaasExplorerHostMessage =
  /** The BaaS started, stopped, or the acting-as caller changed. */
  | { type: 'status'; status: ExplorerStatus }
  /** Switch to a tab (the tree or a command opened the explorer there). */
  | { type: 'show'; tab: ExplorerTab; table?: string }
  /** A request was answered (the monitor appends it when it passes the filter). */
  | { type: 'requestAdded'; entry: RequestEntry }
  /** Data changed outside the page (tree action, SQL console): reload what is shown. */
  | { type: 'dataChanged' }
  /** The SQL console ran (results or the error). */
  | { type: 'sqlResult'; result: SqlConsoleResult }
  /** The answer to a request. */
  | ReplyMessage;

/** Field checks for each host message: the page validates every message against them. */
export const BAAS_EXPLORER_HOST_SCHEMA: MessageSchema = {
  status: { status: 'object' },
  show: { tab: (v) => EXPLORER_TABS.includes(v as ExplorerTab), table: 'string?' },
  requestAdded: { entry: 'object' },
  dataChanged: {},
  sqlResult: { result: 'object' },
  reply: { requestId: 'number', error: 'string?' },
};
