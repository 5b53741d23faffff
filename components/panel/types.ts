import type { Review } from '@/utils/schema/review';

export type SubmitReview = (review: Review, taskId?: string) => Promise<void>;
