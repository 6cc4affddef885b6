"""The review and adjudication window: coders' spans in lanes, the gold layer, accept/reject."""
