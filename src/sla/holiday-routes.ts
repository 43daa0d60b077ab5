import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses } from '../http/schemas.js';
import { HolidayFile } from './holiday-data.js';
import type { SlaService } from './sla-service.js';
import { HolidaysView } from './sla-views.js';

const tags = ['sla'];

/** The mainland holiday years the calendars read; an admin adds the years after the release from a file. */
export const holidayRoutes: FastifyPluginAsyncZod<{ sla: SlaService }> = async (app, { sla }) => {
  app.get(
    '/sla/holidays',
    { config: { access: 'agent' }, schema: { tags, response: { 200: HolidaysView } } },
    async (req) => sla.holidays(actorOf(req)),
  );
  app.post(
    '/sla/holidays',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary:
          'Add public-holiday years from a file: { year, source, holidays[{from,to,nameZh,name?}], workdays[{date,name}] }, an array of them or { years: [...] }; a year added again is replaced',
        body: HolidayFile,
        response: { 200: HolidaysView, ...ErrorResponses },
      },
    },
    async (req) => sla.uploadHolidayYears(actorOf(req), req.body),
  );
  app.delete(
    '/sla/holidays/:year',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        summary: 'Remove a year added from a file',
        params: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: { 200: HolidaysView, ...ErrorResponses },
      },
    },
    async (req) => sla.deleteHolidayYear(actorOf(req), req.params.year),
  );
};
