// Evidence files (POST /api/files?name=, GET /api/files/{id} for the bytes, GET /api/files/{id}/meta for the
// name, type and size): PDF, Office documents and images, checked by the server by their bytes.
import { api } from './client';

export interface StoredFile {
  id: string;
  name?: string;
  mime: string;
  size: number;
}

const enc = encodeURIComponent;

export const filesApi = {
  upload: (file: File) =>
    api.upload<StoredFile>('/files', file, file.type || 'application/octet-stream', { name: file.name }),
  meta: (id: string) => api.get<StoredFile>(`/files/${enc(id)}/meta`),
  url: (id: string) => `/api/files/${enc(id)}`,
};
