import type { LeverResource } from '../types';
import { getManyDispositionStagesOperation } from './getMany.operation';

export const dispositionStageResource: LeverResource = {
	value: 'dispositionStage',
	name: 'Disposition Stage',
	description: 'Stages with their pipeline and rank, together with the archive reasons',
	operations: [getManyDispositionStagesOperation],
};
