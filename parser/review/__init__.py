"""Review marks: findings a reviewer checked and accepted, kept in a file beside the reports."""
