// Answers the explorer's Storage and Devices requests. Object operations go through the running BaaS's
// `/storage/v1` as the acting-as caller (host.fetchAs), so the one storage layer decides (RLS on storage.objects,
// size and type limits, events) and the request monitor shows each call; buckets, policies and devices are read
// as the owner, like the table list and the Inbox. Files on disk are written only where the save dialog says.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { listDevices } from '../../core/baas/explorer/devices';
import { keyFor, listBuckets, listStoragePolicies, mimeTypeFor, PREVIEW_LIMITS, previewKind, storagePolicySnippet, toStorageEntries } from '../../core/baas/explorer/storage';
import type { BaasExplorerRequest, ObjectPreview, StorageListing, UploadOutcome } from '../../shared/baasExplorerProtocol';
import type { BaasHost } from './host';

/** The requests this module answers. */
export type StorageExplorerRequest = Extract<
  BaasExplorerRequest,
  { type: 'buckets' | 'createBucket' | 'objects' | 'upload' | 'uploadPick' | 'download' | 'preview' | 'deleteObject' | 'signedUrl' | 'storagePolicies' | 'newStoragePolicy' | 'devices' | 'registerDevice' | 'sendTestPush' }
>;

const objectPath = (bucket: string, key: string): string => `${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
const jsonInit = (method: string, body: unknown) => ({ method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** The message of a Storage (`{ message }`) or push (`{ error: { message } }`) error body. */
function apiMessage(body: Buffer, status: number): string {
  try {
    const v = JSON.parse(body.toString('utf8')) as { message?: string; msg?: string; error?: { message?: string } | string };
    return v.message ?? v.msg ?? (typeof v.error === 'object' ? v.error.message : v.error) ?? `status ${status}`;
  } catch {
    return `status ${status}`;
  }
}

function parsed<T>(res: { status: number; body: Buffer }, what: string): T {
  if (res.status >= 400) throw new Error(`${what} failed (${res.status}): ${apiMessage(res.body, res.status)}`);
  return JSON.parse(res.body.toString('utf8')) as T;
}

/** Uploads one file as the acting-as caller; a duplicate without upsert comes back as `exists` so the caller can ask. */
async function uploadBytes(host: BaasHost, bucket: string, key: string, data: Uint8Array, contentType: string, upsert: boolean): Promise<UploadOutcome> {
  const res = await host.fetchAs(`/storage/v1/object/${objectPath(bucket, key)}`, { method: 'POST', body: data, headers: { 'content-type': contentType, ...(upsert ? { 'x-upsert': 'true' } : {}) } });
  if (res.status < 300) return { key, outcome: 'uploaded' };
  if (res.status === 409 && !upsert && /Duplicate/.test(res.body.toString('utf8'))) return { key, outcome: 'exists', message: `"${key}" already exists in ${bucket}.` };
  return { key, outcome: 'failed', message: `Upload of "${key}" as ${host.actingLabel} failed (${res.status}): ${apiMessage(res.body, res.status)}` };
}

/** Picks files with the open dialog and uploads each; asks before replacing an existing object. */
async function uploadPicked(host: BaasHost, bucket: string, prefix: string): Promise<UploadOutcome[]> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: true, canSelectFolders: false, openLabel: 'Upload', title: `Upload to ${bucket}/${prefix} as ${host.actingLabel}` });
  const outcomes: UploadOutcome[] = [];
  for (const uri of picked ?? []) {
    const name = path.posix.basename(uri.path);
    const key = keyFor(prefix, name);
    const data = await vscode.workspace.fs.readFile(uri);
    let outcome = await uploadBytes(host, bucket, key, data, mimeTypeFor(name), false);
    if (outcome.outcome === 'exists') {
      const answer = await vscode.window.showWarningMessage(`"${key}" already exists in the bucket ${bucket}. Replace it?`, { modal: true, detail: 'Replacing needs SELECT and UPDATE policies for this caller, as an upsert does.' }, 'Replace');
      if (answer === 'Replace') outcome = await uploadBytes(host, bucket, key, data, mimeTypeFor(name), true);
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

/** Downloads as the caller first (so a refusal shows before any dialog), then saves where the save dialog says. */
async function download(host: BaasHost, bucket: string, key: string): Promise<string | undefined> {
  const res = await host.fetchAs(`/storage/v1/object/authenticated/${objectPath(bucket, key)}`);
  if (res.status >= 400) throw new Error(`Download of "${key}" as ${host.actingLabel} failed (${res.status}): ${apiMessage(res.body, res.status)}. A SELECT policy on storage.objects must allow it.`);
  const name = key.split('/').pop() as string;
  const folder = host.workspaceFolder ? vscode.Uri.file(host.workspaceFolder) : undefined;
  // The save dialog itself asks before replacing an existing file.
  const target = await vscode.window.showSaveDialog({ title: `Save ${bucket}/${key}`, saveLabel: 'Save', ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}) });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, res.body);
  return target.scheme === 'file' ? target.fsPath : target.toString();
}

async function preview(host: BaasHost, bucket: string, key: string): Promise<ObjectPreview> {
  const res = await host.fetchAs(`/storage/v1/object/authenticated/${objectPath(bucket, key)}`);
  if (res.status >= 400) throw new Error(`Reading "${key}" as ${host.actingLabel} failed (${res.status}): ${apiMessage(res.body, res.status)}`);
  const mimeType = res.headers.get('content-type') ?? 'application/octet-stream';
  const size = res.body.length;
  const kind = previewKind(mimeType, size);
  if (kind.kind === 'image') return { key, mimeType, size, kind: 'image', dataUrl: `data:${mimeType.split(';')[0]};base64,${res.body.toString('base64')}` };
  if (kind.kind === 'text') {
    const slice = res.body.subarray(0, PREVIEW_LIMITS.textBytes);
    if (slice.includes(0)) return { key, mimeType, size, kind: 'none', reason: 'The object holds binary data: download it to open it.' };
    return { key, mimeType, size, kind: 'text', text: slice.toString('utf8'), truncated: size > PREVIEW_LIMITS.textBytes };
  }
  return { key, mimeType, size, kind: 'none', reason: kind.reason };
}

/** Runs one Storage or Devices request. */
export async function answerStorageRequest(host: BaasHost, m: StorageExplorerRequest): Promise<unknown> {
  switch (m.type) {
    case 'buckets':
      return listBuckets(host.require().db);
    case 'createBucket':
      await host.serviceFetch('/storage/v1/bucket', { method: 'POST', body: { id: m.name, name: m.name, public: m.public } });
      return undefined;
    case 'objects': {
      const res = await host.fetchAs(`/storage/v1/object/list/${encodeURIComponent(m.bucket)}`, jsonInit('POST', { prefix: m.prefix, limit: 1000, sortBy: { column: 'name', order: 'asc' } }));
      return { bucket: m.bucket, prefix: m.prefix, entries: toStorageEntries(m.prefix, parsed(res, `Listing ${m.bucket}/${m.prefix}`)), actingLabel: host.actingLabel } satisfies StorageListing;
    }
    case 'upload':
      return uploadBytes(host, m.bucket, m.key, Buffer.from(m.base64, 'base64'), m.contentType || mimeTypeFor(m.key), m.upsert === true);
    case 'uploadPick':
      return uploadPicked(host, m.bucket, m.prefix);
    case 'download':
      return download(host, m.bucket, m.key);
    case 'preview':
      return preview(host, m.bucket, m.key);
    case 'deleteObject': {
      const res = await host.fetchAs(`/storage/v1/object/${encodeURIComponent(m.bucket)}`, jsonInit('DELETE', { prefixes: [m.key] }));
      return parsed<unknown[]>(res, `Deleting "${m.key}"`).length;
    }
    case 'signedUrl': {
      const res = await host.fetchAs(`/storage/v1/object/sign/${objectPath(m.bucket, m.key)}`, jsonInit('POST', { expiresIn: m.expiresIn }));
      const url = `${host.require().url}/storage/v1${parsed<{ signedURL: string }>(res, `Signing "${m.key}"`).signedURL}`;
      await vscode.env.clipboard.writeText(url);
      return url;
    }
    case 'storagePolicies':
      return listStoragePolicies(host.require().db, m.bucket);
    case 'newStoragePolicy': {
      const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: storagePolicySnippet(m.bucket) });
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.Beside);
      return undefined;
    }
    case 'devices':
      return listDevices(host.require().db);
    case 'registerDevice': {
      const res = await host.fetchAs('/push/v1/devices', jsonInit('POST', { platform: m.platform, name: m.name }));
      return parsed<{ token: string }>(res, 'Registering a simulated device').token;
    }
    case 'sendTestPush': {
      const res = await host.fetchAs('/push/v1/send', jsonInit('POST', { message: { token: m.token, notification: { title: m.title, body: m.body }, data: { source: 'explorer' } } }), { kind: 'service' });
      return parsed<{ name: string }>(res, 'Sending a test notification').name;
    }
    default: {
      const never: never = m;
      throw new Error(`Unknown storage request ${JSON.stringify(never)}`);
    }
  }
}
