// Reference data several pages read (shops, users); one cache key each so they load once.
import { useQuery } from '@tanstack/react-query';
import { api } from './api.js';
import type { Items, Shop, User } from './types.js';

export const shopsKey = ['shops'] as const;
export const usersKey = ['users'] as const;

export const useShops = () =>
  useQuery({
    queryKey: shopsKey,
    queryFn: async () => (await api<Items<Shop>>('/shops')).items,
    staleTime: 60_000,
  });

export const useUsers = () =>
  useQuery({
    queryKey: usersKey,
    queryFn: async () => (await api<Items<User>>('/users')).items,
    staleTime: 60_000,
  });
