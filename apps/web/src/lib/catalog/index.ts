// The storefront's catalog components. EmptyState, LoadingSkeleton and Pagination are the shared ones.
export { default as Breadcrumbs } from './Breadcrumbs.svelte';
export { default as CategoryNav } from './CategoryNav.svelte';
export { default as PriceBadge } from './PriceBadge.svelte';
export { default as ProductCard } from './ProductCard.svelte';
export { default as ProductGallery } from './ProductGallery.svelte';
export { default as ProductGrid } from './ProductGrid.svelte';
export { default as VariantSelector } from './VariantSelector.svelte';
export { default as EmptyState } from '$lib/ui/EmptyState.svelte';
export { default as LoadingSkeleton } from '$lib/ui/LoadingSkeleton.svelte';
export { default as Pagination } from '$lib/ui/Pagination.svelte';
