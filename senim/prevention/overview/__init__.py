"""The prevention overview: figures across every subdomain, within what the user may see."""
