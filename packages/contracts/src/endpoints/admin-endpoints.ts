import { z } from 'zod';
import {
  AdminListQuery,
  AdminUser,
  AuditEntry,
  AuditQuery,
  CreateUserInput,
  DeviceHealth,
  Facility,
  FacilityInput,
  MedicineInput,
  PharmacyInput,
  UpdateUserInput,
} from '../admin';
import { IdParams } from '../common';
import { Medicine } from '../medicine';
import { Pharmacy } from '../pharmacy';
import { endpoint, PAGED_LIST_DESCRIPTION } from './endpoint';

const admin = ['admin'] as const;

/** Users, facilities, pharmacies, medicines, device sync health and the audit log: admins only. */
export const ADMIN_ENDPOINTS = {
  listUsers: endpoint({
    method: 'GET',
    path: '/api/admin/users/',
    tags: admin,
    summary: 'Every account, by username, a page at a time',
    description: PAGED_LIST_DESCRIPTION,
    query: AdminListQuery,
    responses: { 200: z.array(AdminUser) },
  }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/admin/users/',
    tags: admin,
    summary: 'Create an account',
    body: CreateUserInput,
    responses: { 201: AdminUser },
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/admin/users/:id/',
    tags: admin,
    summary:
      'Change an account (a new password, deactivation, or a new role, facility or pharmacy signs it out everywhere)',
    params: IdParams,
    body: UpdateUserInput,
    responses: { 200: AdminUser },
  }),
  listFacilities: endpoint({
    method: 'GET',
    path: '/api/admin/facilities/',
    tags: admin,
    summary: 'Every facility, by name, a page at a time',
    description: PAGED_LIST_DESCRIPTION,
    query: AdminListQuery,
    responses: { 200: z.array(Facility) },
  }),
  createFacility: endpoint({
    method: 'POST',
    path: '/api/admin/facilities/',
    tags: admin,
    summary: 'Create a facility',
    body: FacilityInput,
    responses: { 201: Facility },
  }),
  createPharmacy: endpoint({
    method: 'POST',
    path: '/api/admin/pharmacies/',
    tags: admin,
    summary: 'Create a pharmacy',
    body: PharmacyInput,
    responses: { 201: Pharmacy },
  }),
  updatePharmacy: endpoint({
    method: 'PATCH',
    path: '/api/admin/pharmacies/:id/',
    tags: admin,
    summary: 'Change a pharmacy',
    params: IdParams,
    body: PharmacyInput.omit({ id: true }).partial(),
    responses: { 200: Pharmacy },
  }),
  createMedicine: endpoint({
    method: 'POST',
    path: '/api/admin/medicines/',
    tags: admin,
    summary: 'Add a medicine',
    body: MedicineInput,
    responses: { 201: Medicine },
  }),
  updateMedicine: endpoint({
    method: 'PATCH',
    path: '/api/admin/medicines/:id/',
    tags: admin,
    summary: 'Change a medicine',
    params: IdParams,
    body: MedicineInput.omit({ id: true }).partial(),
    responses: { 200: Medicine },
  }),
  listDevices: endpoint({
    method: 'GET',
    path: '/api/admin/devices/',
    tags: admin,
    summary: 'Sync health of every device, most recently seen first, a page at a time',
    description: PAGED_LIST_DESCRIPTION,
    query: AdminListQuery,
    responses: { 200: z.array(DeviceHealth) },
  }),
  listAudit: endpoint({
    method: 'GET',
    path: '/api/admin/audit/',
    tags: admin,
    summary: 'The audit log, newest first (read-only), a page at a time',
    description:
      'A bare array of at most `limit` entries. While `X-Has-More` is true, the `Link` header (rel="next") is the URL of the next page (`before_id` = the last entry\'s id).',
    query: AuditQuery,
    responses: { 200: z.array(AuditEntry) },
  }),
} as const;
