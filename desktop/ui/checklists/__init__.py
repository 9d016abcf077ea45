"""UAPED and UMJ checklist screens: body diagram, samples, live time-window alerts."""
