"""Public job offers: their haystack index (own "offers" connection), the query service and /offres/."""
