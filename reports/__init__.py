"""Documents written from the domain's content: the committee pack as PDF and Excel. No Streamlit here."""
