/**
 * Lever's hosts per environment (docs/lever-api.md, Hosts). Both credential types and the transport
 * read this one table, so a host changes in one place.
 */
export type LeverEnvironment = 'production' | 'sandbox' | 'eu' | 'custom';

interface EnvironmentHosts {
	label: string;
	apiBaseUrl: string;
	authUrl: string;
	tokenUrl: string;
	/** OAuth `audience`: the API Lever documents, with its trailing slash. */
	audience: string;
	/** Candidate pages in the web app, used to build opportunity URLs. */
	appUrl: string;
}

export const LEVER_ENVIRONMENTS: Record<Exclude<LeverEnvironment, 'custom'>, EnvironmentHosts> = {
	production: {
		label: 'Production',
		apiBaseUrl: 'https://api.lever.co/v1',
		authUrl: 'https://auth.lever.co/authorize',
		tokenUrl: 'https://auth.lever.co/oauth/token',
		audience: 'https://api.lever.co/v1/',
		appUrl: 'https://hire.lever.co',
	},
	sandbox: {
		label: 'Sandbox',
		apiBaseUrl: 'https://api.sandbox.lever.co/v1',
		authUrl: 'https://sandbox-lever.auth0.com/authorize',
		tokenUrl: 'https://sandbox-lever.auth0.com/oauth/token',
		audience: 'https://api.sandbox.lever.co/v1/',
		appUrl: 'https://hire.sandbox.lever.co',
	},
	eu: {
		label: 'EU',
		apiBaseUrl: 'https://api.eu.lever.co/v1',
		// Lever runs one auth server and redirects EU tenants itself; it documents no EU audience, so the
		// production one is sent (the credential's Audience field overrides it).
		authUrl: 'https://auth.lever.co/authorize',
		tokenUrl: 'https://auth.lever.co/oauth/token',
		audience: 'https://api.lever.co/v1/',
		appUrl: 'https://hire.eu.lever.co',
	},
};

/** A custom base URL must be plain http(s) with a host; anything else is refused before a request. */
export const CUSTOM_URL_PATTERN = '^https?://[^\\s/?#]+(/[^\\s?#]*)?$';

/**
 * n8n evaluates credential fields as expressions. This is the code of one that picks a URL of the table
 * by the credential's `environment`, falling back to the field named `customField` for Custom.
 */
export function environmentCode(
	pick: keyof Omit<EnvironmentHosts, 'label'>,
	customField: string,
	source: '$credentials' | '$self' = '$credentials',
): string {
	const table = JSON.stringify(
		Object.fromEntries(Object.entries(LEVER_ENVIRONMENTS).map(([key, hosts]) => [key, hosts[pick]])),
	);
	return `(${source}.environment === "custom" ? String(${source}.${customField} || "").replace(/\\/+$/, "") : ${table}[${source}.environment])`;
}

export function environmentExpression(...args: Parameters<typeof environmentCode>): string {
	return `={{ ${environmentCode(...args)} }}`;
}

/** Resolves the Data API base URL (no trailing slash) from credential data. */
export function resolveBaseUrl(credentials: { environment?: string; customBaseUrl?: string }): string {
	const environment = (credentials.environment ?? 'production') as LeverEnvironment;
	if (environment === 'custom') {
		const custom = String(credentials.customBaseUrl ?? '').trim();
		if (!new RegExp(CUSTOM_URL_PATTERN).test(custom)) {
			throw new Error(
				'The credential\'s Custom Base URL must start with http:// or https:// (e.g. http://127.0.0.1:4010/v1)',
			);
		}
		return custom.replace(/\/+$/, '');
	}
	const hosts = LEVER_ENVIRONMENTS[environment];
	if (!hosts) throw new Error(`Unknown Lever environment "${environment}" in the credential`);
	return hosts.apiBaseUrl;
}

/** Lever's web app host for an API base URL (custom hosts map to themselves). */
export function appUrlFor(baseUrl: string): string {
	const match = Object.values(LEVER_ENVIRONMENTS).find((hosts) => hosts.apiBaseUrl === baseUrl);
	return match ? match.appUrl : baseUrl.replace(/\/v1$/, '');
}

export const environmentOptions = [
	...Object.entries(LEVER_ENVIRONMENTS).map(([value, hosts]) => ({
		name: hosts.label,
		value,
		description: hosts.apiBaseUrl,
	})),
	{ name: 'Custom', value: 'custom', description: 'Your own base URL, e.g. the local emulator or a proxy' },
];
