import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recallDutyRoutes } from './recall-duty-routes.js';
import { recallFollowUpRoutes } from './recall-followup-routes.js';
import { recallOutreachRoutes } from './recall-outreach-routes.js';
import { recallPhotoRoutes } from './recall-photo-routes.js';
import type { RecallWorkDeps } from './recall-work-views.js';

/** A campaign's work after it is opened, in files by job: outreach, follow-up, the duties that are done once recorded. */
export const recallWorkRoutes: FastifyPluginAsyncZod<RecallWorkDeps> = async (app, deps) => {
  await app.register(recallOutreachRoutes, deps);
  await app.register(recallFollowUpRoutes, deps);
  await app.register(recallDutyRoutes, deps);
  await app.register(recallPhotoRoutes, deps);
};
