import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';

export const KB_KINDS = [
  'usage',
  'size',
  'shipping',
  'returns',
  'warranty',
  'invoice',
  'authenticity',
  'other',
] as const;
export type KbKind = (typeof KB_KINDS)[number];
export type KbStatus = 'draft' | 'published' | 'archived';

export type Article = {
  id: string;
  shopId: string | null;
  productId: string | null;
  kind: KbKind;
  locale: 'zh-CN' | 'en';
  status: KbStatus;
  title: string;
  body: string;
  version: number;
  updatedAt: string;
};

export type Version = {
  version: number;
  title: string;
  body: string;
  status: KbStatus;
  editedByName: string;
  createdAt: string;
};
export type Product = { id: string; name: string; shopId: string | null };

export function useArticles(filter: { kind?: KbKind | undefined; status?: KbStatus | undefined }) {
  return useQuery({
    queryKey: ['kb-articles', filter],
    queryFn: () =>
      api<{ items: Article[]; nextCursor: string | null }>('/kb/articles', {
        query: { ...filter, limit: 200 },
      }),
  });
}

export function useProducts() {
  return useQuery({
    queryKey: ['products'],
    queryFn: async () => (await api<{ items: Product[] }>('/products')).items,
  });
}

export function useVersions(id: string | null) {
  return useQuery({
    queryKey: ['kb-versions', id],
    queryFn: async () => (await api<{ items: Version[] }>(`/kb/articles/${id}/versions`)).items,
    enabled: !!id,
  });
}
