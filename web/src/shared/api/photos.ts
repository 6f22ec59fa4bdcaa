// Photos (POST /api/photos, or /api/public/photos from the public pages): upload one picture, name its URL.
import { api } from './client';

export interface Photo {
  id: string;
  mime: string;
  size: number;
  width?: number | null;
  height?: number | null;
}

const enc = encodeURIComponent;

export const photosApi = {
  upload: (file: Blob, isPublic = false) =>
    api.upload<Photo>(isPublic ? '/public/photos' : '/photos', file, file.type || 'image/jpeg', undefined, {
      expectUnauthenticated: isPublic,
    }),
  url: (id: string, isPublic = false) => `/api/${isPublic ? 'public/' : ''}photos/${enc(id)}`,
};
