//! `{{placeholder}}` templates in `proxy_url`: parsing, placement and safe rendering.
