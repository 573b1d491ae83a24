// Which explorer tab a served request changes, so the page refreshes that tab live (like the request monitor)
// without refreshing on its own reads: the Storage tab's listing is itself a request, and refreshing on it would loop.

/** The tabs a request can change. */
export type LiveArea = 'storage' | 'devices' | 'inbox';

/** The tab a successful write changes, or undefined for reads, failures and other APIs. */
export function liveAreaOf(entry: { method: string; path: string; status: number }): LiveArea | undefined {
  if (entry.status >= 400 || entry.method === 'GET' || entry.method === 'HEAD') return undefined;
  if (entry.path.startsWith('/storage/v1/')) {
    // Listing, signing and info are reads sent with POST.
    return /^\/storage\/v1\/object\/(list|sign|info)\//.test(entry.path) ? undefined : 'storage';
  }
  if (entry.path.startsWith('/push/v1/')) return 'devices';
  if (/^\/auth\/v1\/(signup|otp|recover|magiclink|invite|admin\/users)/.test(entry.path)) return 'inbox';
  return undefined;
}
