// Storage tab: buckets, one folder's objects as the acting-as caller (RLS on storage.objects decides), upload by
// drop or file picker, preview, download, signed URLs, confirmed delete, and the policies that concern the bucket.
import type { BucketSummary, ObjectPreview, StorageListing, StoragePolicy, UploadOutcome } from '../../src/shared/baasExplorerProtocol';
import { h } from '../shared/dom';
import { button, page, rpc, saveState, showError } from './ctx';

/** Files bigger than this are refused on drop (they travel base64-encoded in a message); the picker reads on the host. */
const DROP_LIMIT = 50 * 1024 * 1024;
/** Kept across re-renders, so a live refresh does not close what the learner is looking at. */
const previewBox = h('div', { class: 'preview', 'aria-live': 'polite' });
let previewKey: string | undefined;
/** Outcomes and questions ("Replace it?") also survive the refresh an upload triggers. */
const notices = h('div', { class: 'notices', 'aria-live': 'polite' });

const sizeText = (n: number | undefined): string => (n === undefined ? '' : n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Renders the tab into `root`; `refresh` re-renders it after an action. */
export async function renderStorage(root: HTMLElement, refresh: () => void): Promise<void> {
  const buckets = await rpc.request<BucketSummary[]>({ type: 'buckets' });
  const out = notices;
  const createForm = bucketForm(out, refresh);
  if (!buckets.length) {
    root.replaceChildren(
      h('p', { class: 'muted' }, 'No buckets yet: create one here (as the service role, as the dashboard does), or in SQL: '),
      h('pre', {}, "insert into storage.buckets (id, name, public) values ('avatars', 'avatars', false);"),
      h('p', { class: 'muted' }, "or from a client with the service-role key: supabase.storage.createBucket('avatars')."),
      createForm,
      out,
    );
    return;
  }
  const bucket = buckets.find((b) => b.id === page.state.bucket) ?? buckets[0];
  const prefix = bucket.id === page.state.bucket ? (page.state.prefix ?? '') : '';
  if (page.state.bucket !== bucket.id || page.state.prefix !== prefix) saveState({ bucket: bucket.id, prefix });
  const picker = h('select', { id: 'bucket-picker' }, ...buckets.map((b) => h('option', { value: b.id, ...(b.id === bucket.id ? { selected: '' } : {}) }, `${b.id}${b.public ? ' (public)' : ''}`)));
  picker.addEventListener('change', () => {
    saveState({ bucket: picker.value, prefix: '' });
    notices.replaceChildren();
    refresh();
  });
  const listBox = h('div', { id: 'objects', 'aria-live': 'polite' });
  const policyBox = h('details', { class: 'structure' }, h('summary', {}, 'Policies on storage.objects'));
  root.replaceChildren(
    h('div', { class: 'toolbar' }, h('label', { for: 'bucket-picker' }, 'Bucket '), picker, h('span', { class: 'muted' }, bucketFacts(bucket))),
    breadcrumbs(bucket.id, prefix, refresh),
    dropZone(bucket.id, prefix, out, refresh),
    out,
    listBox,
    previewBox,
    policyBox,
    h('details', {}, h('summary', {}, 'New bucket'), createForm),
  );
  if (previewKey && !previewKey.startsWith(`${bucket.id}/`)) clearPreview();
  await Promise.all([renderListing(listBox, bucket, prefix, out, refresh), renderPolicies(policyBox, bucket.id)]);
}

function bucketFacts(b: BucketSummary): string {
  const limits = [b.fileSizeLimit !== null ? `files up to ${sizeText(b.fileSizeLimit)}` : '', b.allowedMimeTypes?.length ? `types ${b.allowedMimeTypes.join(', ')}` : ''].filter(Boolean).join(' · ');
  return `${b.public ? 'public: anyone can read by URL' : 'private: reads need a SELECT policy or a signed URL'} · ${b.objectCount} object(s) in all${limits ? ` · ${limits}` : ''}`;
}

function bucketForm(out: HTMLElement, refresh: () => void): HTMLFormElement {
  const name = h('input', { id: 'new-bucket', type: 'text', placeholder: 'avatars', pattern: '[A-Za-z0-9_][A-Za-z0-9_.\\-]*', required: '' });
  const isPublic = h('input', { id: 'new-bucket-public', type: 'checkbox' });
  const form = h('form', { class: 'toolbar', 'aria-label': 'Create bucket' }, h('label', { for: 'new-bucket' }, 'Bucket name'), name, isPublic, h('label', { for: 'new-bucket-public' }, 'public'), h('button', { type: 'submit' }, 'Create bucket'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    rpc.request({ type: 'createBucket', name: name.value.trim(), public: isPublic.checked }).then(() => {
      saveState({ bucket: name.value.trim(), prefix: '' });
      refresh();
    }, (err: Error) => showError(out, err));
  });
  return form;
}

function breadcrumbs(bucket: string, prefix: string, refresh: () => void): HTMLElement {
  const parts = prefix.split('/').filter(Boolean);
  const go = (p: string) => () => {
    saveState({ prefix: p });
    refresh();
  };
  return h(
    'nav',
    { class: 'toolbar', 'aria-label': 'Folder' },
    button(bucket, 'archive', go(''), parts.length ? {} : { 'aria-current': 'page' }),
    ...parts.flatMap((p, i) => [h('span', { 'aria-hidden': 'true' }, '/'), button(p, 'folder', go(`${parts.slice(0, i + 1).join('/')}/`), i === parts.length - 1 ? { 'aria-current': 'page' } : {})]),
  );
}

function dropZone(bucket: string, prefix: string, out: HTMLElement, refresh: () => void): HTMLElement {
  const who = page.status?.actingLabel ?? '';
  const pick = button('Upload files…', 'cloud-upload', () => {
    rpc.request<UploadOutcome[]>({ type: 'uploadPick', bucket, prefix }).then((outcomes) => {
      report(out, outcomes, bucket);
      if (outcomes.some((o) => o.outcome === 'uploaded')) refresh();
    }, (err: Error) => showError(out, err));
  });
  const zone = h('div', { class: 'dropzone', id: 'dropzone' }, pick, h('span', { class: 'muted' }, ` or drop files here (hold Shift while dropping, or VS Code opens them) to upload to ${bucket}/${prefix} as ${who}.`));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (!files.length) {
      showError(out, new Error('Nothing to upload: drop files (not folders or text). Or use "Upload files…".'));
      return;
    }
    void uploadDropped(files, bucket, prefix, out).then(refresh);
  });
  return zone;
}

async function uploadDropped(files: File[], bucket: string, prefix: string, out: HTMLElement): Promise<void> {
  const outcomes: UploadOutcome[] = [];
  for (const file of files) {
    const key = `${prefix}${file.name}`;
    if (file.size > DROP_LIMIT) {
      outcomes.push({ key, outcome: 'failed', message: `"${file.name}" is larger than ${sizeText(DROP_LIMIT)}: use "Upload files…" instead.` });
      continue;
    }
    const base64 = toBase64(await file.arrayBuffer());
    const send = (upsert: boolean) => rpc.request<UploadOutcome>({ type: 'upload', bucket, key, base64, contentType: file.type || 'application/octet-stream', upsert });
    const outcome = await send(false).catch((err: Error): UploadOutcome => ({ key, outcome: 'failed', message: err.message }));
    outcomes.push(outcome);
    if (outcome.outcome === 'exists') {
      // Never replace without asking: an inline confirmation per existing object.
      const ask = h('p', { role: 'alert' }, `"${key}" already exists in ${bucket}. Replace it? `);
      ask.append(
        button('Replace', 'replace', () => void send(true).then((o) => report(ask, [o], bucket), (err: Error) => showError(ask, err))),
        button('Keep the existing one', 'close', () => ask.remove()),
      );
      out.append(ask);
    }
  }
  report(out, outcomes.filter((o) => o.outcome !== 'exists'), bucket, true);
}

function report(box: HTMLElement, outcomes: UploadOutcome[], bucket: string, append = false): void {
  const lines = outcomes.map((o) => h('p', o.outcome === 'failed' ? { class: 'error', role: 'alert' } : {}, o.outcome === 'uploaded' ? `Uploaded ${bucket}/${o.key}.` : (o.message ?? o.key)));
  if (append) box.prepend(...lines);
  else box.replaceChildren(...lines);
}

async function renderListing(box: HTMLElement, bucket: BucketSummary, prefix: string, out: HTMLElement, refresh: () => void): Promise<void> {
  let listing: StorageListing;
  try {
    listing = await rpc.request<StorageListing>({ type: 'objects', bucket: bucket.id, prefix });
  } catch (err) {
    showError(box, err);
    return;
  }
  if (!listing.entries.length) {
    const hidden = bucket.objectCount > 0 && !prefix;
    box.replaceChildren(
      h('p', { class: 'muted' }, hidden
        ? `No objects visible to ${listing.actingLabel}, though the bucket holds ${bucket.objectCount}: reads need a SELECT policy on storage.objects that lets this caller see them.`
        : `No objects in ${bucket.id}/${prefix} visible to ${listing.actingLabel}. Upload one above, or from a client: supabase.storage.from('${bucket.id}').upload('${prefix}hello.txt', file).`),
    );
    return;
  }
  const rows = listing.entries.map((e) => {
    const actions = h('td', { class: 'actions' });
    if (e.folder) {
      const open = button(e.name, 'folder', () => {
        saveState({ prefix: e.key });
        refresh();
      }, { id: `so-open-${e.key}` });
      return h('tr', {}, h('th', { scope: 'row' }, open), h('td', {}, 'folder'), h('td', {}), h('td', {}), actions);
    }
    const del = button('Delete', 'trash', () => {
      actions.replaceChildren(
        h('span', { role: 'alert' }, `Delete ${e.key}? `),
        button('Yes, delete', 'check', () => {
          rpc.request<number>({ type: 'deleteObject', bucket: bucket.id, key: e.key }).then((n) => {
            if (!n) showError(actions, new Error(`Nothing was deleted: a DELETE (and SELECT) policy must allow ${listing.actingLabel} to remove it.`));
            else {
              if (previewKey === `${bucket.id}/${e.key}`) clearPreview();
              refresh();
            }
          }, (err: Error) => showError(actions, err));
        }),
        button('Cancel', 'close', () => actions.replaceChildren(...tools)),
      );
      (actions.querySelector('button') as HTMLButtonElement | null)?.focus();
    }, { compact: 'true', id: `so-del-${e.key}` });
    const tools = [
      button('Preview', 'eye', () => void showPreview(bucket.id, e.key), { compact: 'true', id: `so-prev-${e.key}` }),
      button('Download…', 'desktop-download', () => void rpc.request<string | undefined>({ type: 'download', bucket: bucket.id, key: e.key }).then((saved) => saved && out.replaceChildren(h('p', {}, `Saved ${bucket.id}/${e.key} to ${saved}.`)), (err: Error) => showError(out, err)), { compact: 'true', id: `so-down-${e.key}` }),
      button('Copy signed URL', 'link', () => void rpc.request<string>({ type: 'signedUrl', bucket: bucket.id, key: e.key, expiresIn: 3600 }).then(() => (out.replaceChildren(h('p', {}, `Copied a signed URL for ${e.key}: anyone with it can read the object for 1 hour.`))), (err: Error) => showError(out, err)), { compact: 'true', id: `so-sign-${e.key}` }),
      del,
    ];
    actions.append(...tools);
    return h('tr', {}, h('th', { scope: 'row' }, e.name), h('td', {}, e.mimeType ?? ''), h('td', {}, sizeText(e.size)), h('td', {}, e.updatedAt ?? ''), actions);
  });
  box.replaceChildren(
    h('table', { class: 'grid', 'aria-label': `Objects in ${bucket.id}/${prefix} visible to ${listing.actingLabel}` },
      h('thead', {}, h('tr', {}, ...['Name', 'Type', 'Size', 'Updated'].map((c) => h('th', { scope: 'col' }, c)), h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'Actions')))),
      h('tbody', {}, ...rows)),
    h('p', { class: 'muted' }, `As ${listing.actingLabel}: only objects a SELECT policy lets this caller see are listed.`),
  );
}

function clearPreview(): void {
  previewKey = undefined;
  previewBox.replaceChildren();
}

async function showPreview(bucket: string, key: string): Promise<void> {
  previewKey = `${bucket}/${key}`;
  previewBox.replaceChildren(h('p', { class: 'muted' }, `Loading ${key}…`));
  try {
    const p = await rpc.request<ObjectPreview>({ type: 'preview', bucket, key });
    const head = h('h3', {}, `${key} `, h('span', { class: 'muted' }, `${p.mimeType} · ${sizeText(p.size)}`), button('Close preview', 'close', clearPreview, { compact: 'true' }));
    const body =
      p.kind === 'image' && p.dataUrl ? h('img', { src: p.dataUrl, alt: `Preview of ${key}` })
      : p.kind === 'text' ? h('pre', { tabindex: '0', 'aria-label': `Text of ${key}` }, `${p.text ?? ''}${p.truncated ? '\n… (cut: download it to see all of it)' : ''}`)
      : h('p', { class: 'muted' }, p.reason ?? 'No preview.');
    previewBox.replaceChildren(h('div', { class: 'card' }, head, body));
  } catch (err) {
    showError(previewBox, err);
  }
}

async function renderPolicies(box: HTMLDetailsElement, bucket: string): Promise<void> {
  const policies = await rpc.request<StoragePolicy[]>({ type: 'storagePolicies', bucket });
  const relevant = policies.filter((p) => p.scope !== 'other');
  const scopeLabel = (p: StoragePolicy) => (p.scope === 'bucket' ? `${bucket} only` : p.scope === 'all' ? 'every bucket' : 'other buckets');
  const out = h('div', {});
  box.replaceChildren(
    h('summary', {}, `Policies on storage.objects: ${relevant.length} concern ${bucket}${policies.length > relevant.length ? ` (${policies.length - relevant.length} other)` : ''}`),
    ...(relevant.length ? [] : [h('p', { class: 'model' }, `No policy concerns ${bucket}: users and anon can neither list, upload nor download here (the service role bypasses RLS).`)]),
    ...policies.map((p) => h('div', { class: `policy${p.scope === 'other' ? ' muted' : ''}` }, h('strong', {}, p.name), ` · ${p.command} · to ${p.roles.join(', ')} · `, h('span', { class: 'badge' }, scopeLabel(p)), p.permissive ? '' : ' · restrictive', p.using ? h('pre', {}, `USING (${p.using})`) : undefined, p.check ? h('pre', {}, `WITH CHECK (${p.check})`) : undefined)),
    h('div', { class: 'toolbar' }, button('New owner-only policy…', 'add', () => void rpc.request({ type: 'newStoragePolicy', bucket }).catch((err: Error) => showError(out, err)))),
    out,
  );
  if (!relevant.length) box.open = true;
}
