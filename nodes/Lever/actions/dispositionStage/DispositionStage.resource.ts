import type { LeverResource } from '../types';
import { dispositionOutputField, dispositionStagesExecute } from './getMany.operation';

export const dispositionStageResource: LeverResource = {
	value: 'dispositionStage',
	name: 'Disposition Stage',
	description: 'Stages with their pipeline and rank, together with the archive reasons',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many disposition stages',
			description:
				'Retrieve many stages with their pipeline (lead, applicant, screen, onsite, offer) and rank, together with the archive reasons; one item per stage by default',
			method: 'GET',
			path: '/disposition_stages',
			properties: [dispositionOutputField],
			execute: dispositionStagesExecute,
		},
	],
};
