"""The evidence packet: one PDF per dispute, and its HTML preview."""

from chargepilot.evidence.packet import Packet, render_packet
from chargepilot.evidence.preview import render_preview_html

__all__ = ["Packet", "render_packet", "render_preview_html"]
