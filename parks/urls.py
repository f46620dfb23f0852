"""Parks URLs: inventory, admission, leasing and sales, occupancy."""

from core.routes import routes, variants
from parks.views import admission, inventory, leasing, occupancy, sales, security

OP_PARK = "operator/parks/<int:park_id>/"
ADMISSION = "admissions/<int:admission_id>/"
APPLICATION = "lease-applications/<int:application_id>/"
LEASE = "leases/<int:lease_id>/"
SALE = "sales/<int:sale_id>/"

# (route, view, name): the pages that are one view each.
PAGES = (
    ("parks/", inventory.park_list, "park_list"),
    ("parks/<int:park_id>/", inventory.park_detail, "park"),
    ("operator/parks/", inventory.operator_parks, "operator_parks"),
    (OP_PARK + "settings/", inventory.park_settings, "park_settings"),
    (OP_PARK + "buildings/", inventory.buildings, "buildings"),
    (
        "operator/buildings/<int:building_id>/",
        inventory.building_edit,
        "building_edit",
    ),
    (OP_PARK + "units/", inventory.units_admin, "units_admin"),
    (OP_PARK + "units/new/", inventory.unit_new, "unit_new"),
    ("operator/units/<int:unit_id>/edit/", inventory.unit_edit, "unit_edit"),
    (OP_PARK + "units/import/", inventory.unit_import, "unit_import"),
    (OP_PARK + "units/template.xlsx", inventory.unit_template, "unit_template"),
    (OP_PARK + "units/export.<str:fmt>", inventory.unit_export, "unit_export"),
    ("admissions/", admission.admission_list, "admission_list"),
    ("parks/<int:park_id>/apply/", admission.admission_new, "admission_new"),
    (
        "parks/<int:park_id>/apply/preview/",
        admission.admission_preview,
        "admission_preview",
    ),
    (ADMISSION, admission.admission_detail, "admission"),
    (ADMISSION + "edit/", admission.admission_edit, "admission_edit"),
    (ADMISSION + "decide/", admission.admission_decide, "admission_decide"),
    (ADMISSION + "officer/", admission.admission_officer, "admission_officer"),
    ("operator/admissions/", admission.admission_queue, "admission_queue"),
    ("units/<int:unit_id>/lease/", leasing.lease_apply, "lease_apply"),
    (
        "lease-applications/",
        leasing.lease_application_list,
        "lease_application_list",
    ),
    (APPLICATION, leasing.lease_application_detail, "lease_application"),
    (
        APPLICATION + "withdraw/",
        leasing.lease_application_withdraw,
        "lease_application_withdraw",
    ),
    ("leases/", leasing.lease_list, "lease_list"),
    (LEASE, leasing.lease_detail, "lease"),
    (LEASE + "contract.pdf", leasing.lease_contract, "lease_contract"),
    (LEASE + "activate/", leasing.lease_activate, "lease_activate"),
    ("units/<int:unit_id>/buy/", sales.sale_apply, "sale_apply"),
    ("sales/", sales.sale_list, "sale_list"),
    (SALE, sales.sale_detail, "sale"),
    ("operator/occupancy/", occupancy.occupancy_parks, "occupancy_parks"),
    (OP_PARK + "dashboard/", occupancy.park_dashboard, "park_dashboard"),
    (OP_PARK + "stacking/", occupancy.stacking, "stacking_plan"),
    (
        "operator/units/<int:unit_id>/panel/",
        occupancy.stacking_unit,
        "stacking_unit",
    ),
    (OP_PARK + "rent-roll/", occupancy.rent_roll_page, "rent_roll"),
    (OP_PARK + "rent-roll.xlsx", occupancy.rent_roll_export, "rent_roll_export"),
)

app_name = "parks"
urlpatterns = [
    *routes(PAGES),
    *security.operator_security_routes,
    # One view per family, the variant from the route: the applicant's steps
    # on an admission, the lease page's forms, a purchase's steps.
    *variants(
        ADMISSION + "{}/",
        admission.admission_step,
        "admission_{}",
        "step",
        list(admission.ADMISSION_STEPS),
    ),
    *variants(
        LEASE + "{}/", leasing.lease_form, "lease_{}", "kind", list(leasing.LEASE_FORMS)
    ),
    *variants(SALE + "{}/", sales.sale_step, "sale_{}", "step", list(sales.SALE_STEPS)),
]
