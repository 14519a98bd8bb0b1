import { ApiError } from './errors';

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'application/gzip': 'gz',
  'application/x-gzip': 'gz',
  'application/zip': 'zip',
  'application/x-tar': 'tar',
};

function fileNameOf(response: Response, fallbackBase: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  if (plain?.[1]) return plain[1];
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  return `${fallbackBase}.${EXTENSIONS[type] ?? 'bin'}`;
}

/** Downloads a tenant's offboarding export (GET /v1/exports/:id with the bearer token). */
export async function downloadExport(exportId: string, accessToken: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/v1/exports/${encodeURIComponent(exportId)}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
  } catch (error) {
    throw new ApiError('NETWORK_ERROR', error instanceof Error ? error.message : 'Network error');
  }
  if (!response.ok) {
    const code =
      response.status === 401
        ? 'UNAUTHENTICATED'
        : response.status === 403
          ? 'FORBIDDEN'
          : response.status === 404
            ? 'NOT_FOUND'
            : 'INTERNAL_ERROR';
    throw new ApiError(code, `HTTP ${response.status}`);
  }
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response, `tandem-export-${exportId}`);
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
