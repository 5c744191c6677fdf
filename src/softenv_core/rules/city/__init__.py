"""rules/city"""
