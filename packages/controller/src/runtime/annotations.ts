// Annotations ACK reads (runtime apis/core/v1alpha1/annotations.go) and the defaults it applies.
export const ANNOTATION_REGION = 'services.k8s.aws/region';
export const ANNOTATION_DEFAULT_REGION = 'services.k8s.aws/default-region';
export const ANNOTATION_OWNER_ACCOUNT = 'services.k8s.aws/owner-account-id';
export const ANNOTATION_DELETION_POLICY = 'services.k8s.aws/deletion-policy';
export const ANNOTATION_NAMESPACE_DELETION_POLICY = 'dynamodb.services.k8s.aws/deletion-policy';
export const ANNOTATION_ADOPTION_POLICY = 'services.k8s.aws/adoption-policy';
export const ANNOTATION_ADOPTION_FIELDS = 'services.k8s.aws/adoption-fields';
export const ANNOTATION_ADOPTED = 'services.k8s.aws/adopted';
export const ANNOTATION_READ_ONLY = 'services.k8s.aws/read-only';

export const TAG_CONTROLLER_VERSION = 'services.k8s.aws/controller-version';
export const TAG_NAMESPACE = 'services.k8s.aws/namespace';
/** The controller version ack-local reports in its tags (the chart version of the controller it mirrors). */
export const CONTROLLER_VERSION = 'dynamodb-v1.9.2';
