import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recallFollowUpRoutes } from './recall-followup-routes.js';
import { recallOutreachRoutes } from './recall-outreach-routes.js';
import type { RecallWorkDeps } from './recall-work-views.js';

/** A campaign's work after it is opened, in two files by job: outreach, then follow-up. */
export const recallWorkRoutes: FastifyPluginAsyncZod<RecallWorkDeps> = async (app, deps) => {
  await app.register(recallOutreachRoutes, deps);
  await app.register(recallFollowUpRoutes, deps);
};
