// A site (点位) as GET /api/sites answers it.

export interface Site {
  code: string;
  name: string;
  type: string;
  unit: string;
  unit_name?: string;
  lat: number | null;
  lon: number | null;
  address?: string | null;
  grid_cell?: string | null;
  version?: number;
}

export interface SiteType {
  type: string;
  site_count: number;
}

export interface ImportCounts {
  created: number;
  updated: number;
}
