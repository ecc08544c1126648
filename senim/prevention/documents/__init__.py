"""Evidence files of prevention work: attached by the services, downloaded by those who see
what they belong to."""
