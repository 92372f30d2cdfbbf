import nock from 'nock';

import { testBuckets } from '../../../helpers/rateLimits';
import { runLever } from '../../../helpers/runNode';
import { LEVER, POSTING, USER, byId, expectDone, expectInputError, jsonOf, page, useNock } from '../../../helpers/fixtures';
import type { Refusal } from '../../../helpers/fixtures';

useNock();

const RAW_POSTING = {
	id: POSTING,
	text: 'Senior Backend Engineer',
	state: 'published',
	distributionChannels: ['public', 'internal'],
	confidentiality: 'non-confidential',
	user: USER,
	owner: { id: USER, name: 'Rita Recruiter' },
	hiringManager: USER,
	categories: { team: 'Platform', department: 'Engineering', location: 'London', commitment: 'Full-time', allLocations: ['London'] },
	tags: ['Hot'],
	content: { descriptionHtml: '<p>Hi</p>', lists: [] },
	createdAt: 1767225600000,
	updatedAt: 1767312000000,
	workplaceType: 'hybrid',
	salaryRange: { min: 100000, max: 150000, currency: 'GBP', interval: 'per-year-salary' },
	urls: { list: 'https://jobs.lever.co/acme', show: `https://jobs.lever.co/acme/${POSTING}`, apply: `https://jobs.lever.co/acme/${POSTING}/apply` },
};

const SIMPLE_POSTING = {
	id: POSTING,
	title: 'Senior Backend Engineer',
	state: 'published',
	team: 'Platform',
	department: 'Engineering',
	location: 'London',
	commitment: 'Full-time',
	workplaceType: 'hybrid',
	distributionChannels: ['public', 'internal'],
	owner: USER,
	ownerName: 'Rita Recruiter',
	hiringManager: USER,
	createdAt: 1767225600000,
	updatedAt: 1767312000000,
	hostedUrl: `https://jobs.lever.co/acme/${POSTING}`,
	applyUrl: `https://jobs.lever.co/acme/${POSTING}/apply`,
	salaryMin: 100000,
	salaryMax: 150000,
	salaryCurrency: 'GBP',
	salaryInterval: 'per-year-salary',
	tags: ['Hot'],
};

describe('Posting resource', () => {
	describe('Get Many', () => {
		it('sends every filter as Lever expects (repeated keys) and simplifies the postings', async () => {
			const scope = nock(LEVER)
				.get('/v1/postings')
				.query({
					state: ['published', 'internal'],
					distributionChannel: ['internal', 'public'],
					team: ['Platform', 'Data'],
					department: 'Engineering',
					location: 'London',
					commitment: 'Full-time',
					tag: 'Hot',
					include: 'content',
					group: 'team',
					level: 'Senior',
					confidentiality: 'all',
					expand: 'owner',
					limit: 2,
				})
				.reply(200, page([RAW_POSTING]));
			const result = await runLever({
				parameters: {
					resource: 'posting',
					operation: 'getMany',
					returnAll: false,
					limit: 2,
					expand: ['owner'],
					simplify: true,
					filters: {
						state: ['published', 'internal'],
						distributionChannel: ['internal', 'public'],
						team: 'Platform, Data',
						department: 'Engineering',
						location: 'London',
						commitment: 'Full-time',
						tag: 'Hot',
						include: ['content'],
						group: 'team',
						level: 'Senior',
						confidentiality: 'all',
					},
				},
			});
			expectDone(result, scope);
			expect(result.output).toEqual([{ json: SIMPLE_POSTING, pairedItem: { item: 0 } }]);
		});

		it('pages through every posting updated in a window, dates in milliseconds, raw when Simplify is off', async () => {
			const query = { updated_at_start: '1767225600000', updated_at_end: '1769904000000', confidentiality: 'all' };
			const scope = nock(LEVER)
				.get('/v1/postings')
				.query({ ...query, limit: 100 })
				.reply(200, page([{ id: 'p1' }], 'next-1'))
				.get('/v1/postings')
				.query({ ...query, limit: 100, offset: 'next-1' })
				.reply(200, page([{ id: 'p2' }]));
			const result = await runLever({
				parameters: {
					resource: 'posting',
					operation: 'getMany',
					returnAll: true,
					simplify: false,
					filters: { updatedAfter: '2026-01-01T00:00:00Z', updatedBefore: '2026-02-01T00:00:00Z', confidentiality: 'all' },
				},
			});
			expectDone(result, scope);
			expect(jsonOf(result)).toEqual([{ id: 'p1' }, { id: 'p2' }]);
		});

		it('refuses update-time filters combined with other filters (Lever forbids it) before any request', async () => {
			const result = await runLever({
				parameters: {
					resource: 'posting',
					operation: 'getMany',
					returnAll: true,
					filters: { updatedAfter: '2026-01-01T00:00:00Z', team: 'Platform' },
				},
			});
			expectInputError(result, 'Updated After');
			expect(result.error?.message).toContain('team');
		});

		it('refuses a date that is not a date before any request', async () => {
			const result = await runLever({
				parameters: { resource: 'posting', operation: 'getMany', returnAll: true, filters: { updatedAfter: 'yesterday-ish' } },
			});
			expectInputError(result, 'Filters > Updated After');
		});
	});

	it('gets one posting raw, with the custom-question distribution', async () => {
		const scope = nock(LEVER)
			.get(`/v1/postings/${POSTING}`)
			.query({ distribution: 'internal', expand: ['hiringManager', 'owner'] })
			.reply(200, { data: RAW_POSTING });
		const result = await runLever({
			parameters: {
				resource: 'posting',
				operation: 'get',
				postingId: byId(POSTING),
				expand: ['hiringManager', 'owner'],
				options: { distribution: 'internal' },
				simplify: false,
			},
		});
		expectDone(result, scope);
		expect(result.output).toEqual([{ json: RAW_POSTING, pairedItem: { item: 0 } }]);
	});

	it('refuses a malformed posting ID before any request', async () => {
		const result = await runLever({
			parameters: { resource: 'posting', operation: 'get', postingId: byId('posting-42'), simplify: true },
		});
		expectInputError(result, 'Posting');
	});

	it('lists deleted postings', async () => {
		const scope = nock(LEVER)
			.get('/v1/postings/deleted')
			.query({ limit: 50 })
			.reply(200, page([{ id: 'p1', deletedAt: 1767225600000 }]));
		const result = await runLever({ parameters: { resource: 'posting', operation: 'getDeleted', returnAll: false, limit: 50 } });
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([{ id: 'p1', deletedAt: 1767225600000 }]);
	});

	describe('Create', () => {
		it('creates a posting with categories, content, tags and a complete salary range, as Perform As', async () => {
			const body = {
				text: 'Senior Backend Engineer',
				state: 'published',
				workplaceType: 'hybrid',
				distributionChannels: ['public'],
				owner: USER,
				categories: { team: 'Platform', department: 'Engineering', location: 'London', commitment: 'Full-time', allLocations: ['London', 'Berlin'] },
				tags: ['Hot', 'Senior'],
				requisitionCodes: ['ENG-42'],
				content: {
					descriptionHtml: '<p>Build things</p>',
					closingPostingHtml: '<p>Apply!</p>',
					lists: [{ text: 'Requirements', content: '<li>TypeScript</li>' }],
				},
				salaryRange: { min: 100000, max: 150000, currency: 'GBP', interval: 'per-year-salary' },
			};
			const scope = nock(LEVER)
				.post('/v1/postings', body)
				.query({ perform_as: USER })
				.reply(201, { data: RAW_POSTING });
			const result = await runLever({
				parameters: {
					resource: 'posting',
					operation: 'create',
					performAs: byId(USER),
					text: 'Senior Backend Engineer',
					simplify: true,
					additionalFields: {
						state: 'published',
						workplaceType: 'hybrid',
						distributionChannels: ['public'],
						owner: USER,
						team: 'Platform',
						department: 'Engineering',
						location: 'London',
						commitment: 'Full-time',
						allLocations: 'London, Berlin',
						tags: 'Hot, Senior',
						requisitionCodes: 'ENG-42',
						descriptionHtml: '<p>Build things</p>',
						closingHtml: '<p>Apply!</p>',
						lists: { list: [{ text: 'Requirements', content: '<li>TypeScript</li>' }] },
						salaryMin: 100000,
						salaryMax: 150000,
						salaryCurrency: 'gbp',
						salaryInterval: 'per-year-salary',
					},
				},
			});
			expectDone(result, scope);
			expect(jsonOf(result)).toEqual([SIMPLE_POSTING]);
		});

		const create = { resource: 'posting', operation: 'create', performAs: byId(USER), text: 'Engineer', additionalFields: {} };

		it.each<Refusal>([
			['a salary range that is only partly filled', { additionalFields: { salaryMin: 100000, salaryCurrency: 'USD' } }, 'Salary Range'],
			[
				'a salary range whose minimum is above its maximum',
				{ additionalFields: { salaryMin: 200, salaryMax: 100, salaryCurrency: 'USD', salaryInterval: 'per-year-salary' } },
				'Salary Range',
			],
			['a missing Perform As (Lever requires it here)', { performAs: byId('') }, 'Perform As'],
			['a missing title', { text: '  ' }, 'Title'],
			['an owner that is not a Lever ID', { additionalFields: { owner: 'rita' } }, 'Owner'],
		])('refuses %s before any request', async (_case, changes, field) => {
			expectInputError(await runLever({ parameters: { ...create, ...changes } }), field);
		});

		it('names the missing parts of a partly filled salary range', async () => {
			const result = await runLever({ parameters: { ...create, additionalFields: { salaryMin: 100000, salaryCurrency: 'USD' } } });
			expect(result.error?.message).toContain('Salary Maximum');
			expect(result.error?.message).toContain('Salary Interval');
		});
	});

	describe('Update', () => {
		it('sends only the changed fields with POST (Lever updates postings partially)', async () => {
			const scope = nock(LEVER)
				.post(`/v1/postings/${POSTING}`, { state: 'closed', tags: ['Filled'], categories: { location: 'Remote' } })
				.query({ perform_as: USER })
				.reply(200, { data: { ...RAW_POSTING, state: 'closed' } });
			const result = await runLever({
				parameters: {
					resource: 'posting',
					operation: 'update',
					postingId: byId(POSTING),
					performAs: byId(USER),
					simplify: false,
					updateFields: { state: 'closed', tags: 'Filled', location: 'Remote' },
				},
			});
			expectDone(result, scope);
			expect(jsonOf(result)).toEqual([{ ...RAW_POSTING, state: 'closed' }]);
		});

		it('refuses an update with nothing to change', async () => {
			const result = await runLever({
				parameters: { resource: 'posting', operation: 'update', postingId: byId(POSTING), performAs: byId(USER), updateFields: {} },
			});
			expectInputError(result, 'Update Fields');
		});
	});

	it('gets the application questions of a posting', async () => {
		const form = { id: POSTING, text: 'Engineer', customQuestions: [], personalInformation: [{ name: 'fullName', required: true }] };
		const scope = nock(LEVER)
			.get(`/v1/postings/${POSTING}/apply`)
			.query({ distribution: 'external', location: 'London' })
			.reply(200, { data: form });
		const result = await runLever({
			parameters: {
				resource: 'posting',
				operation: 'getApplyQuestions',
				postingId: byId(POSTING),
				options: { distribution: 'external', location: ' London ' },
			},
		});
		expectDone(result, scope);
		expect(jsonOf(result)).toEqual([form]);
	});

	describe('Apply', () => {
		it('applies from fields, with links, custom answers and a confirmation email', async () => {
			const body = {
				personalInformation: [
					{ name: 'fullName', value: 'Jane Doe' },
					{ name: 'email', value: 'jane@example.com' },
					{ name: 'phone', value: '+44 20 7946 0000' },
					{ name: 'resume', value: 'https://api.lever.co/v1/uploads/abc-cv.pdf' },
				],
				urls: [{ name: 'LinkedIn', value: 'https://www.linkedin.com/in/janedoe' }],
				source: 'Careers page',
				origin: 'applied',
				customQuestions: [{ id: 'q1', fields: [{ value: 'Yes' }] }],
				consent: { store: { provided: true, compliancePolicyId: 'cp1' } },
			};
			const scope = nock(LEVER)
				.post(`/v1/postings/${POSTING}/apply`, body)
				.query({ send_confirmation_email: 'true' })
				.reply(201, { data: { applicationId: 'app-1' } });
			const result = await runLever({
				parameters: {
					resource: 'posting',
					operation: 'apply',
					postingId: byId(POSTING),
					applicationInput: 'fields',
					fullName: 'Jane Doe',
					email: ' jane@example.com ',
					sendConfirmationEmail: true,
					additionalFields: {
						phone: '+44 20 7946 0000',
						resume: 'https://api.lever.co/v1/uploads/abc-cv.pdf',
						urls: { url: [{ name: 'LinkedIn', value: 'https://www.linkedin.com/in/janedoe' }] },
						source: 'Careers page',
						origin: 'applied',
						customQuestions: '[{"id": "q1", "fields": [{"value": "Yes"}]}]',
						consent: '{"store": {"provided": true, "compliancePolicyId": "cp1"}}',
						eeoResponses: '{}',
					},
				},
			});
			expectDone(result, scope);
			expect(result.output).toEqual([{ json: { applicationId: 'app-1' }, pairedItem: { item: 0 } }]);
		});

		it('applies from a JSON body as given', async () => {
			const body = {
				personalInformation: [
					{ name: 'fullName', value: 'Jane Doe' },
					{ name: 'email', value: 'jane@example.com' },
				],
				origin: 'internal',
			};
			const scope = nock(LEVER).post(`/v1/postings/${POSTING}/apply`, body).reply(201, { data: { applicationId: 'app-2' } });
			const result = await runLever({
				parameters: {
					resource: 'posting',
					operation: 'apply',
					postingId: byId(POSTING),
					applicationInput: 'json',
					applicationJson: JSON.stringify(body),
					sendConfirmationEmail: false,
				},
			});
			expectDone(result, scope);
			expect(jsonOf(result)).toEqual([{ applicationId: 'app-2' }]);
		});

		const apply = {
			resource: 'posting',
			operation: 'apply',
			postingId: byId(POSTING),
			applicationInput: 'fields',
			fullName: 'Jane Doe',
			email: 'jane@example.com',
			additionalFields: {},
		};

		it.each<Refusal>([
			['an email that is not an email', { email: 'jane at example' }, 'Email'],
			['custom answers that are not JSON', { additionalFields: { customQuestions: '[{id: q1}]' } }, 'Custom Question Answers'],
			[
				'a JSON body without an email',
				{ applicationInput: 'json', applicationJson: '{"personalInformation": [{"name": "fullName", "value": "Jane"}]}' },
				'Application (JSON)',
			],
		])('refuses %s before any request', async (_case, changes, field) => {
			expectInputError(await runLever({ parameters: { ...apply, ...changes } }), field);
		});

		describe("rate: the key's normal limit, 2 per second only when asked", () => {
			afterEach(() => jest.useRealTimers());

			/** When each of four applications left, in ms of fake time after the run started. */
			async function applyFour(applyRateLimit?: boolean): Promise<number[]> {
				jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
				nock(LEVER).post(`/v1/postings/${POSTING}/apply`).times(4).reply(201, { data: { applicationId: 'app' } });
				const t0 = Date.now();
				const run = runLever({
					items: [0, 1, 2, 3].map(() => ({ json: {} })),
					parameters: {
						resource: 'posting',
						operation: 'apply',
						postingId: byId(POSTING),
						applicationInput: 'fields',
						fullName: 'Jane Doe',
						email: (index: number) => `jane${index}@example.com`,
						additionalFields: {},
						...(applyRateLimit === undefined ? {} : { applyRateLimit }),
					},
				});
				let done = false;
				void run.finally(() => (done = true));
				while (!done) await jest.advanceTimersByTimeAsync(50);
				const result = await run;
				expect(result.error).toBeUndefined();
				return result.requests.map((request) => request.at - t0);
			}

			// Applications are writes that are not safe to repeat, so they go one after another in item order
			// (fake time then says little about pacing); whether the 2/s apply bucket exists says which pace ran.
			const applyBucketUsed = () => testBuckets().keys().some((key) => key.endsWith(':apply'));

			it('sends a bulk of applications at the key\'s normal limit by default (Lever documents 2/s only for the Postings API apply)', async () => {
				expect(await applyFour()).toHaveLength(4);
				expect(applyBucketUsed()).toBe(false);
			});

			it('spaces applications at 2 per second with Limit to 2 Applications per Second', async () => {
				const started = await applyFour(true);
				expect(applyBucketUsed()).toBe(true);
				expect(started[3]).toBeGreaterThanOrEqual(900);
			});
		});
	});

	describe('Get Users', () => {
		const answer = {
			posting: { id: POSTING, text: 'Engineer' },
			users: [
				{ id: USER, name: 'Rita', email: 'rita@acme.com' },
				{ id: 'u2', name: 'Sam', email: 'sam@acme.com', inheritedFromRoleId: 'admin' },
			],
			roles: [{ id: 'admin', name: 'Admin', isReadOnly: false }],
		};

		it('makes one item per user from the unwrapped answer', async () => {
			const scope = nock(LEVER).get(`/v1/postings/${POSTING}/users`).reply(200, answer);
			const result = await runLever({
				parameters: { resource: 'posting', operation: 'getUsers', postingId: byId(POSTING), output: 'users' },
			});
			expectDone(result, scope);
			expect(result.output).toEqual([
				{ json: { id: USER, name: 'Rita', email: 'rita@acme.com', postingId: POSTING }, pairedItem: { item: 0 } },
				{ json: { id: 'u2', name: 'Sam', email: 'sam@acme.com', inheritedFromRoleId: 'admin', postingId: POSTING }, pairedItem: { item: 0 } },
			]);
		});

		it('makes one item per role, or one item with everything', async () => {
			nock(LEVER).get(`/v1/postings/${POSTING}/users`).twice().reply(200, answer);
			const roles = await runLever({ parameters: { resource: 'posting', operation: 'getUsers', postingId: byId(POSTING), output: 'roles' } });
			expect(jsonOf(roles)).toEqual([{ id: 'admin', name: 'Admin', isReadOnly: false, postingId: POSTING }]);
			const raw = await runLever({ parameters: { resource: 'posting', operation: 'getUsers', postingId: byId(POSTING), output: 'raw' } });
			expect(jsonOf(raw)).toEqual([answer]);
		});
	});
});
